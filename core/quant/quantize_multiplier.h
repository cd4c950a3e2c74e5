#pragma once
// Host-side choice of quantisation parameters, as TensorFlow Lite's converter makes them
// (tensorflow/lite/kernels/internal/quantization_util.cc). The runtime only consumes the results.

#include <cstdint>

namespace loupe::quant {

struct QuantizedMultiplier {
  std::int32_t multiplier = 0;  // Q31 in [2^30, 2^31), or 0 for a zero multiplier
  int shift = 0;                // real = multiplier * 2^(shift - 31)
  friend bool operator==(const QuantizedMultiplier&, const QuantizedMultiplier&) = default;
};

// TFLite QuantizeMultiplier: (q, shift) = frexp(m); M0 = round(q * 2^31) with ties away from zero;
// M0 == 2^31 is halved with shift + 1; multipliers below 2^-31 become 0; shifts above 30 saturate
// to (2^31 - 1, 30). m must be >= 0.
QuantizedMultiplier quantizeMultiplier(double m);

struct QuantParams {
  float scale = 1.0f;
  std::int32_t zeroPoint = 0;
  friend bool operator==(const QuantParams&, const QuantParams&) = default;
};

// Asymmetric int8 parameters for the real range [min, max] (TFLite ChooseQuantizationParams):
// the range is widened to contain 0, scale = (max - min) / 255, and the zero point is nudged to
// the integer nearest to -128 - min / scale so that the real 0 is exactly representable.
QuantParams chooseAsymmetricInt8(float min, float max);

// Quantises one value: clamp(round(x / scale) + zeroPoint, -128, 127), ties away from zero.
std::int8_t quantizeValue(float x, const QuantParams& q);
inline float dequantizeValue(std::int8_t v, const QuantParams& q) { return (v - q.zeroPoint) * q.scale; }

}  // namespace loupe::quant
