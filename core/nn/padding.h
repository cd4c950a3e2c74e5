#pragma once
// Geometry of a windowed layer (conv, depthwise, pooling) in TensorFlow's convention: SAME
// padding puts the odd pixel at the bottom/right, so the leading pad is floor(total / 2).
// Shared by every windowed layer so training and the int8 runtime agree.

#include <algorithm>

#include "core/nn/network_spec.h"

namespace loupe::nn {

inline int leadingPad(int in, int out, int kernel, int stride, Padding padding) {
  if (padding == Padding::Valid) return 0;
  const int total = std::max((out - 1) * stride + kernel - in, 0);
  return total / 2;
}

struct Window {
  int kh = 1, kw = 1, sh = 1, sw = 1, padTop = 0, padLeft = 0;

  static Window of(const LayerSpec& spec, const Shape& in) {
    const Shape out = outputShape(in, spec);
    return {spec.kernelH, spec.kernelW, spec.strideH, spec.strideW,
            leadingPad(in.h, out.h, spec.kernelH, spec.strideH, spec.padding),
            leadingPad(in.w, out.w, spec.kernelW, spec.strideW, spec.padding)};
  }
};

}  // namespace loupe::nn
