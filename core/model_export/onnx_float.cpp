#include <stdexcept>

#include "core/model_export/exporters.h"
#include "core/model_export/onnx_builder.h"
#include "core/model_export/onnx_layout.h"

namespace loupe::model_export {

using nn::LayerType;
using onnx::Attribute;

std::vector<std::uint8_t> onnxFloat(const nn::NetworkSpec& net) {
  onnx::GraphBuilder g(net.arch.empty() ? "loupe" : net.arch);
  const auto shapes = nn::activationShapes(net);
  g.input("input", onnx::ElemType::Float, {onnx::kBatch, net.input.c, net.input.h, net.input.w});
  std::string x = "input";
  bool spatial = true;  // NCHW until the first dense layer flattens
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const auto& l = net.layers[i];
    const nn::Shape& in = shapes[i];
    const nn::Shape& out = shapes[i + 1];
    const std::string id = std::to_string(i);
    const auto window = windowAttributes(l.padding, in, out, l.kernelH, l.kernelW, l.strideH, l.strideW);
    switch (l.type) {
      case LayerType::Conv2D: {
        const auto w = g.floats("w" + id, {out.c, in.c, l.kernelH, l.kernelW},
                                ohwiToOihw(l.weights, out.c, l.kernelH, l.kernelW, in.c));
        x = g.node("Conv", {x, w, g.floats("b" + id, {out.c}, l.bias)}, window);
        break;
      }
      case LayerType::DepthwiseConv2D: {
        const auto w = g.floats("w" + id, {out.c, 1, l.kernelH, l.kernelW},
                                depthwiseToOihw(l.weights, l.kernelH, l.kernelW, out.c));
        auto attrs = window;
        attrs.push_back(Attribute::integer("group", in.c));
        x = g.node("Conv", {x, w, g.floats("b" + id, {out.c}, l.bias)}, attrs);
        break;
      }
      case LayerType::AveragePool2D: x = g.node("AveragePool", {x}, window); break;
      case LayerType::MaxPool2D: x = g.node("MaxPool", {x}, window); break;
      case LayerType::Dense:
        if (spatial) {
          x = flattenHwc(g, x);  // Loupe flattens HWC; ONNX tensors are NCHW
          spatial = false;
        }
        x = g.node("Gemm", {x, g.floats("w" + id, {out.c, in.size()}, l.weights), g.floats("b" + id, {out.c}, l.bias)},
                   {Attribute::integer("transB", 1)});
        break;
      case LayerType::Softmax: x = g.node("Softmax", {x}, {Attribute::integer("axis", 1)}); break;
    }
    x = fusedActivation(g, x, l.activation);
  }
  g.node("Identity", {x}, {}, "output");
  const nn::Shape& last = shapes.back();
  if (spatial) g.output("output", onnx::ElemType::Float, {onnx::kBatch, last.c, last.h, last.w});
  else g.output("output", onnx::ElemType::Float, {onnx::kBatch, last.c});
  return g.model("1");
}

}  // namespace loupe::model_export
