#pragma once
// Fixed-point requantization exactly as TensorFlow Lite (Micro)'s reference kernels do it
// (tensorflow/lite/kernels/internal/common.h and gemmlowp's fixedpoint.h). An int32 accumulator
// is scaled by a real multiplier M given as M0 * 2^shift with M0 a Q31 value in [2^30, 2^31):
//   MultiplyByQuantizedMultiplier(x, M0, shift) ~= round(x * M)
// These three functions decide every output bit of conv, depthwise and dense layers, so the host
// and the board must run exactly this code.

#include <cstdint>

namespace loupe::runtime {

// round(a * b / 2^31), ties rounded toward +infinity (the negative nudge is 1 - 2^30, so -0.5
// becomes 0 and 0.5 becomes 1); the one overflowing case, INT32_MIN * INT32_MIN,
// saturates to INT32_MAX (gemmlowp's SaturatingRoundingDoublingHighMul).
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  // C++ division truncates toward zero; with the asymmetric nudge this is gemmlowp's rounding.
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero (gemmlowp's RoundingDivideByPOT).
// exponent in [0, 31].
inline int32_t roundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  // Arithmetic right shift of a negative value: implementation-defined before C++20, arithmetic
  // on GCC and Clang (and defined so since C++20), as TFLite assumes.
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// TFLite's MultiplyByQuantizedMultiplier (the single-rounding-off variant used by the reference
// kernels): a left shift for shift > 0, then the doubling high mul, then a rounding right shift.
// shift in [-31, 30].
inline int32_t multiplyByQuantizedMultiplier(int32_t x, int32_t quantizedMultiplier, int shift) {
  const int leftShift = shift > 0 ? shift : 0;
  const int rightShift = shift > 0 ? 0 : -shift;
  // TFLite writes x * (1 << leftShift); signed overflow there is undefined behaviour in C++, so the
  // product is formed in uint32 which wraps exactly like the two's-complement hardware TFLite
  // actually runs on. Converters keep M < 1 for conv/dense, so leftShift is 0 in practice.
  const int32_t shifted = static_cast<int32_t>(static_cast<uint32_t>(x) << leftShift);
  return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, quantizedMultiplier), rightShift);
}

inline int32_t clampI32(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

}  // namespace loupe::runtime
