#include "core/model_export/onnx_layout.h"

#include <algorithm>

namespace loupe::model_export {

std::vector<std::int64_t> onnxPads(nn::Padding padding, const nn::Shape& in, const nn::Shape& out, int kernelH,
                                   int kernelW, int strideH, int strideW) {
  if (padding == nn::Padding::Valid) return {0, 0, 0, 0};
  const int totalH = std::max((out.h - 1) * strideH + kernelH - in.h, 0);
  const int totalW = std::max((out.w - 1) * strideW + kernelW - in.w, 0);
  return {totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2};
}

std::vector<onnx::Attribute> windowAttributes(nn::Padding padding, const nn::Shape& in, const nn::Shape& out,
                                              int kernelH, int kernelW, int strideH, int strideW) {
  using onnx::Attribute;
  return {Attribute::integers("kernel_shape", {kernelH, kernelW}), Attribute::integers("strides", {strideH, strideW}),
          Attribute::integers("pads", onnxPads(padding, in, out, kernelH, kernelW, strideH, strideW))};
}

std::string flattenHwc(onnx::GraphBuilder& g, const std::string& x) {
  const auto nhwc = g.node("Transpose", {x}, {onnx::Attribute::integers("perm", {0, 2, 3, 1})});
  return g.node("Flatten", {nhwc}, {onnx::Attribute::integer("axis", 1)});
}

std::string fusedActivation(onnx::GraphBuilder& g, const std::string& x, nn::Activation a) {
  switch (a) {
    case nn::Activation::None: return x;
    case nn::Activation::ReLU: return g.node("Relu", {x});
    case nn::Activation::ReLU6: {
      // Clip takes its bounds as inputs since opset 11; the scalars are shared by every ReLU6.
      if (!g.hasInitializer("relu6_min")) g.floats("relu6_min", {}, {0.0f}), g.floats("relu6_max", {}, {6.0f});
      return g.node("Clip", {x, "relu6_min", "relu6_max"});
    }
  }
  return x;
}

}  // namespace loupe::model_export
