#include "core/quant/quantize_multiplier.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace loupe::quant {

QuantizedMultiplier quantizeMultiplier(double m) {
  if (!(m >= 0.0) || !std::isfinite(m)) throw std::invalid_argument("quantizeMultiplier: multiplier must be finite and >= 0");
  if (m == 0.0) return {0, 0};
  int shift = 0;
  const double q = std::frexp(m, &shift);
  auto fixed = static_cast<std::int64_t>(std::round(q * static_cast<double>(std::int64_t{1} << 31)));
  if (fixed == (std::int64_t{1} << 31)) {
    fixed /= 2;
    ++shift;
  }
  if (shift < -31) return {0, 0};
  if (shift > 30) return {static_cast<std::int32_t>((std::int64_t{1} << 31) - 1), 30};
  return {static_cast<std::int32_t>(fixed), shift};
}

QuantParams chooseAsymmetricInt8(float min, float max) {
  if (!std::isfinite(min) || !std::isfinite(max) || min > max)
    throw std::invalid_argument("chooseAsymmetricInt8: invalid range");
  const double qmin = -128.0, qmax = 127.0;
  const double lo = std::min(0.0, static_cast<double>(min));
  const double hi = std::max(0.0, static_cast<double>(max));
  if (hi - lo == 0.0) return {1.0f, 0};  // a tensor that is always 0: any scale represents it
  const double scale = (hi - lo) / (qmax - qmin);
  // TFLite picks the zero point from whichever end gives the smaller rounding error.
  const double zpFromMin = qmin - lo / scale;
  const double zpFromMax = qmax - hi / scale;
  const double errMin = std::abs(qmin) + std::abs(lo / scale);
  const double errMax = std::abs(qmax) + std::abs(hi / scale);
  const double zp = errMin < errMax ? zpFromMin : zpFromMax;
  const auto nudged = static_cast<std::int32_t>(std::round(std::clamp(zp, qmin, qmax)));
  return {static_cast<float>(scale), nudged};
}

std::int8_t quantizeValue(float x, const QuantParams& q) {
  const double v = std::round(static_cast<double>(x) / q.scale) + q.zeroPoint;
  return static_cast<std::int8_t>(std::clamp(v, -128.0, 127.0));
}

}  // namespace loupe::quant
