#pragma once
// Geometry of a windowed layer (conv, depthwise, pooling) in TensorFlow's convention, from the
// runtime's freestanding firmware/runtime/geometry.h, so training, the float reference, the ONNX
// export and the int8 runtime pad alike.

#include "core/nn/network_spec.h"
#include "firmware/runtime/geometry.h"

namespace loupe::nn {

inline int leadingPad(int in, int out, int kernel, int stride, Padding padding) {
  return padding == Padding::Same ? loupe::runtime::leadingPadding(stride, in, kernel, out) : 0;
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
