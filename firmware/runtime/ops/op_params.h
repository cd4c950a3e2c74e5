#pragma once
// Parameters of the reference kernels, in the spirit of TFLite's ConvParams / PoolParams:
// zero points enter as offsets (inputOffset = -input zero point) and the fused activation as
// an int8 clamp [actMin, actMax].

#include <cstdint>

#include "firmware/runtime/byte_io.h"

namespace loupe::runtime {

struct ConvParams {
  int32_t strideH = 1, strideW = 1;
  int32_t padH = 0, padW = 0;  // rows/columns of implicit padding before the first input pixel
  int32_t depthMultiplier = 1; // depthwise only
  int32_t inputOffset = 0;     // -(input zero point)
  int32_t outputOffset = 0;    // output zero point
  int32_t actMin = -128, actMax = 127;
};

struct PoolParams {
  int32_t strideH = 1, strideW = 1;
  int32_t padH = 0, padW = 0;
  int32_t filterH = 1, filterW = 1;
  int32_t actMin = -128, actMax = 127;
};

// Per-output-channel requantisation parameters and int32 biases, read straight from the blob
// (little-endian arrays of int32, possibly unaligned).
struct PerChannelQuant {
  const uint8_t* multipliers = nullptr;
  const uint8_t* shifts = nullptr;
  const uint8_t* biases = nullptr;
  int32_t multiplier(int32_t c) const { return loadI32(multipliers + 4 * c); }
  int32_t shift(int32_t c) const { return loadI32(shifts + 4 * c); }
  int32_t bias(int32_t c) const { return biases ? loadI32(biases + 4 * c) : 0; }
};

// The input rows [y0, y1) and columns [x0, x1) a pooling window covers, clipped to the input.
struct PoolWindow {
  int32_t y0, y1, x0, x1;
  int32_t count() const { return (y1 - y0) * (x1 - x0); }
};
inline PoolWindow poolWindow(const PoolParams& p, int32_t inH, int32_t inW, int32_t oy, int32_t ox) {
  const int32_t y = oy * p.strideH - p.padH, x = ox * p.strideW - p.padW;
  return {y > 0 ? y : 0, y + p.filterH < inH ? y + p.filterH : inH, x > 0 ? x : 0,
          x + p.filterW < inW ? x + p.filterW : inW};
}

// TensorFlow's padding arithmetic (TFLite ComputePadding): the leading padding of one axis.
inline int32_t leadingPadding(int32_t stride, int32_t in, int32_t filter, int32_t out) {
  const int32_t total = (out - 1) * stride + filter - in;
  return total > 0 ? total / 2 : 0;
}

// Output extent of one axis: SAME -> ceil(in / stride), VALID -> ceil((in - filter + 1) / stride).
inline int32_t outputExtent(int32_t in, int32_t filter, int32_t stride, bool same) {
  return same ? (in + stride - 1) / stride : (in - filter + stride) / stride;
}

}  // namespace loupe::runtime
