#include "core/model_export/exporters.h"
#include "core/model_export/onnx_builder.h"
#include "core/model_export/onnx_layout.h"

namespace loupe::model_export {

using nn::LayerType;
using onnx::Attribute;

namespace {

// QuantizeLinear followed by DequantizeLinear with per-tensor (scale, zero point): the fake-quant
// pair that marks an int8 activation in a QDQ graph.
std::string qdq(onnx::GraphBuilder& g, const std::string& x, const quant::QuantParams& q, const std::string& id) {
  const auto scale = g.floats("scale_" + id, {}, {q.scale});
  const auto zp = g.int8s("zero_point_" + id, {}, {static_cast<std::int8_t>(q.zeroPoint)});
  return g.node("DequantizeLinear", {g.node("QuantizeLinear", {x, scale, zp}), scale, zp});
}

// Per-channel int8 weights and int32 bias, dequantised along axis 0.
std::pair<std::string, std::string> weightsAndBias(onnx::GraphBuilder& g, const quant::QuantizedLayer& l,
                                                   const std::vector<std::int64_t>& dims,
                                                   const std::vector<std::int8_t>& weights, const std::string& id) {
  const std::int64_t n = std::int64_t(l.weightScales.size());
  const auto wq = g.int8s("w" + id, dims, weights);
  const auto ws = g.floats("w_scale" + id, {n}, l.weightScales);
  const auto wz = g.int8s("w_zero_point" + id, {n}, std::vector<std::int8_t>(std::size_t(n), 0));
  const auto w = g.node("DequantizeLinear", {wq, ws, wz}, {Attribute::integer("axis", 0)});
  std::vector<float> biasScale;
  for (float s : l.weightScales) biasScale.push_back(static_cast<float>(double(l.inQ.scale) * s));
  const auto bq = g.int32s("b" + id, {n}, l.bias);
  const auto bs = g.floats("b_scale" + id, {n}, biasScale);
  const auto bz = g.int32s("b_zero_point" + id, {n}, std::vector<std::int32_t>(std::size_t(n), 0));
  const auto b = g.node("DequantizeLinear", {bq, bs, bz}, {Attribute::integer("axis", 0)});
  return {w, b};
}

}  // namespace

std::vector<std::uint8_t> onnxQdq(const quant::QuantizedModel& m) {
  onnx::GraphBuilder g("loupe-int8");
  g.input("input", onnx::ElemType::Float, {onnx::kBatch, m.input.c, m.input.h, m.input.w});
  std::string x = qdq(g, "input", m.inputQ, "input");
  bool spatial = true;
  for (std::size_t i = 0; i < m.layers.size(); ++i) {
    const auto& l = m.layers[i];
    const std::string id = std::to_string(i);
    const auto window = windowAttributes(l.padding, l.in, l.out, l.kernelH, l.kernelW, l.strideH, l.strideW);
    switch (l.type) {
      case LayerType::Conv2D: {
        const auto [w, b] = weightsAndBias(g, l, {l.out.c, l.in.c, l.kernelH, l.kernelW},
                                           ohwiToOihw(l.weights, l.out.c, l.kernelH, l.kernelW, l.in.c), id);
        x = g.node("Conv", {x, w, b}, window);
        break;
      }
      case LayerType::DepthwiseConv2D: {
        const auto [w, b] = weightsAndBias(g, l, {l.out.c, 1, l.kernelH, l.kernelW},
                                           depthwiseToOihw(l.weights, l.kernelH, l.kernelW, l.out.c), id);
        auto attrs = window;
        attrs.push_back(Attribute::integer("group", l.in.c));
        x = g.node("Conv", {x, w, b}, attrs);
        break;
      }
      case LayerType::AveragePool2D: x = g.node("AveragePool", {x}, window); break;
      case LayerType::MaxPool2D: x = g.node("MaxPool", {x}, window); break;
      case LayerType::Dense: {
        if (spatial) {
          x = flattenHwc(g, x);  // Loupe flattens HWC; ONNX tensors are NCHW
          spatial = false;
        }
        const auto [w, b] = weightsAndBias(g, l, {l.out.c, l.in.size()}, l.weights, id);
        x = g.node("Gemm", {x, w, b}, {Attribute::integer("transB", 1)});
        break;
      }
      case LayerType::Softmax: x = g.node("Softmax", {x}, {Attribute::integer("axis", 1)}); break;
    }
    x = fusedActivation(g, x, l.activation);
    x = qdq(g, x, l.outQ, id);
  }
  g.node("Identity", {x}, {}, "output");
  const nn::Shape& last = m.layers.empty() ? m.input : m.layers.back().out;
  if (spatial) g.output("output", onnx::ElemType::Float, {onnx::kBatch, last.c, last.h, last.w});
  else g.output("output", onnx::ElemType::Float, {onnx::kBatch, last.c});
  return g.model("1");
}

}  // namespace loupe::model_export
