#include "core/tflite/tflite_reader.h"

#include <cmath>

#include "core/domain/errors.h"
#include "core/quant/converter.h"
#include "core/tflite/tensor_reader.h"
#include "core/tflite/tflite_writer.h"

namespace loupe::tflite {

using nn::LayerType;

namespace {

fb::BuiltinOperator builtinCode(const fb::OperatorCode& c) {
  // Old writers fill only the byte field (id 0), new ones both; the larger is the real code.
  return static_cast<fb::BuiltinOperator>(
      std::max<std::int32_t>(c.deprecated_builtin_code(), static_cast<std::int32_t>(c.builtin_code())));
}

std::string operatorName(fb::BuiltinOperator op) {
  const char* n = fb::EnumNameBuiltinOperator(op);
  return n && *n ? n : "builtin operator " + std::to_string(static_cast<int>(op));
}

// One operator of the chain, checked and turned into a Loupe layer.
class ChainReader {
 public:
  ChainReader(const TensorReader& t, std::string field) : t_(t), field_(std::move(field)) {}

  [[noreturn]] void fail(const std::string& sub, const std::string& message) const {
    t_.fail(field_ + (sub.empty() ? "" : "." + sub), message);
  }

  nn::Activation activation(fb::ActivationFunctionType a) const {
    switch (a) {
      case fb::ActivationFunctionType::NONE: return nn::Activation::None;
      case fb::ActivationFunctionType::RELU: return nn::Activation::ReLU;
      case fb::ActivationFunctionType::RELU6: return nn::Activation::ReLU6;
      default: break;
    }
    const char* n = fb::EnumNameActivationFunctionType(a);
    fail("builtin_options.fused_activation_function",
         std::string("fused activation ") + (n && *n ? n : "?") + " is not supported (NONE, RELU, RELU6)");
  }

  void window(quant::QuantizedLayer& l, int kh, int kw, int sh, int sw, fb::Padding p) const {
    for (const int v : {kh, kw, sh, sw})
      if (v < 1 || v > 255) fail("builtin_options", "kernel and stride must be 1..255");
    l.kernelH = kh;
    l.kernelW = kw;
    l.strideH = sh;
    l.strideW = sw;
    l.padding = p == fb::Padding::SAME ? nn::Padding::Same : nn::Padding::Valid;
  }

  // The output shape must be TensorFlow's for the window: the runtime computes it itself.
  void checkGeometry(const quant::QuantizedLayer& l) const {
    nn::LayerSpec s{.type = l.type, .kernelH = l.kernelH, .kernelW = l.kernelW, .strideH = l.strideH,
                    .strideW = l.strideW, .padding = l.padding, .outChannels = l.out.c,
                    .depthMultiplier = l.depthMultiplier};
    const nn::Shape want = nn::outputShape(l.in, s);
    if (!(want == l.out))
      fail("outputs", "output is " + text(l.out) + ", the window gives " + text(want));
  }

  // Weights, bias, per-channel scales and multipliers; dimension is the channel axis of the scales.
  void parameters(quant::QuantizedLayer& l, const std::vector<int>& in, const std::vector<int>& wantDims,
                  int dimension) const {
    if (in.size() < 2 || in.size() > 3) fail("inputs", "expected input, weights and an optional bias");
    if (t_.dims(in[1]) != wantDims) fail("inputs[1]", "weights shape does not match the input and output shapes");
    std::size_t count = 1;
    for (int d : wantDims) count *= std::size_t(d);
    const int channels = l.out.c;
    l.weights = t_.int8Constant(in[1], count);
    l.weightScales = t_.weightScales(in[1], channels, dimension);
    if (in.size() == 3 && in[2] >= 0) {
      if (t_.dims(in[2]) != std::vector<int>{channels}) fail("inputs[2]", "bias must have one value per output channel");
      l.bias = t_.int32Constant(in[2], std::size_t(channels));
    } else {
      l.bias.assign(std::size_t(channels), 0);
    }
    for (int c = 0; c < channels; ++c)
      l.multipliers.push_back(
          quant::quantizeMultiplier(double(l.inQ.scale) * l.weightScales[std::size_t(c)] / l.outQ.scale));
  }

  static std::string text(const nn::Shape& s) {
    return std::to_string(s.h) + "x" + std::to_string(s.w) + "x" + std::to_string(s.c);
  }

 private:
  const TensorReader& t_;
  std::string field_;
};

std::vector<int> ints(const flatbuffers::Vector<std::int32_t>* v) {
  return v ? std::vector<int>(v->begin(), v->end()) : std::vector<int>{};
}

}  // namespace

ImportedTflite readTflite(const std::uint8_t* data, std::size_t size, const std::string& file) {
  const auto fail = [&](const std::string& field, const std::string& m) { throw InputError({file, 0, field}, m); };
  if (size > kMaxFileBytes) fail("", "file is larger than 64 MiB");
  if (size < 8 || !flatbuffers::BufferHasIdentifier(data, fb::ModelIdentifier()))
    fail("", "not a TensorFlow Lite model (no TFL3 file identifier)");
  // Depth and table limits bound the Verifier's own work on a hostile file.
  flatbuffers::Verifier verifier(data, size, 64, 1000000);
  if (!fb::VerifyModelBuffer(verifier)) fail("", "malformed flatbuffer (an offset or length points outside the file)");
  const fb::Model& model = *fb::GetModel(data);
  if (model.version() != 3) fail("version", "schema version " + std::to_string(model.version()) + ", expected 3");
  if (!model.subgraphs() || model.subgraphs()->size() != 1)
    fail("subgraphs", "expected exactly one subgraph, found " +
                          std::to_string(model.subgraphs() ? model.subgraphs()->size() : 0));
  const fb::SubGraph& graph = *model.subgraphs()->Get(0);
  const TensorReader t(model, graph, file);
  const auto inputs = ints(graph.inputs()), outputs = ints(graph.outputs());
  if (inputs.size() != 1 || outputs.size() != 1) fail("subgraphs[0]", "expected one input and one output tensor");
  const auto* ops = graph.operators();
  if (!ops || ops->size() == 0) fail("subgraphs[0].operators", "no operators");
  if (ops->size() > 1000) fail("subgraphs[0].operators", "more than 1000 operators");
  const auto* codes = model.operator_codes();

  ImportedTflite out;
  if (model.description()) out.description = model.description()->str();
  out.loupeDetector = out.description == kDetectorDescription;
  quant::QuantizedModel& q = out.model;
  int x = inputs[0];
  bool floatInput = t.isFloatActivation(x), flat = false, dequantized = false;
  if (!floatInput) {
    q.input = t.activationShape(x);
    q.inputQ = t.activationQuant(x);
  }
  for (flatbuffers::uoffset_t i = 0; i < ops->size(); ++i) {
    const std::string field = "subgraphs[0].operators[" + std::to_string(i) + "]";
    const fb::Operator& op = *ops->Get(i);
    if (!codes || op.opcode_index() >= codes->size()) fail(field + ".opcode_index", "no such operator code");
    const auto& code = *codes->Get(op.opcode_index());
    if (code.custom_code()) fail(field, "custom operator '" + code.custom_code()->str() + "' is not supported");
    const auto kind = builtinCode(code);
    const ChainReader r(t, field);
    const auto in = ints(op.inputs()), outs = ints(op.outputs());
    if (in.empty() || outs.size() != 1) r.fail("", operatorName(kind) + ": expected one output");
    if (dequantized) r.fail("", operatorName(kind) + " after DEQUANTIZE: Loupe runs int8 graphs only");
    if (in[0] != x) r.fail("inputs[0]", "operators must form a chain: input is not the previous operator's output");
    const int y = outs[0];
    if (y == x) r.fail("outputs[0]", "an operator's output must be a new tensor");
    if (kind == fb::BuiltinOperator::QUANTIZE) {
      if (!floatInput || i != 0) r.fail("", "QUANTIZE is supported only on a float input, as the first operator");
      q.input = t.activationShape(y);
      q.inputQ = t.activationQuant(y);
      floatInput = false;
      x = y;
      continue;
    }
    if (floatInput) r.fail("", "the input is float: expected QUANTIZE first (Loupe runs int8 graphs)");
    if (kind == fb::BuiltinOperator::DEQUANTIZE) {
      if (t.tensor(y, t.field(y)).type() != fb::TensorType::FLOAT32) r.fail("outputs[0]", "DEQUANTIZE must give FLOAT32");
      dequantized = true;
      x = y;
      continue;
    }
    const nn::Shape inShape = q.layers.empty() ? q.input : q.layers.back().out;
    const quant::QuantParams inQ = q.layers.empty() ? q.inputQ : q.layers.back().outQ;
    if (kind == fb::BuiltinOperator::RESHAPE) {
      // A flatten (any reshape keeps NHWC memory order); only dense layers may follow it.
      const nn::Shape s = t.activationShape(y);
      if (s.size() != inShape.size()) r.fail("outputs[0].shape", "RESHAPE must keep the element count");
      if (!(t.activationQuant(y) == inQ)) r.fail("outputs[0].quantization", "RESHAPE must keep the quantisation");
      flat = !(s == inShape);
      x = y;
      continue;
    }
    quant::QuantizedLayer l;
    l.in = inShape;
    l.inQ = inQ;
    l.out = t.activationShape(y);
    l.outQ = t.activationQuant(y);
    switch (kind) {
      case fb::BuiltinOperator::CONV_2D: {
        const auto* o = op.builtin_options_as_Conv2DOptions();
        if (!o) r.fail("builtin_options", "CONV_2D needs Conv2DOptions");
        if (o->dilation_h_factor() != 1 || o->dilation_w_factor() != 1) r.fail("builtin_options", "dilation is not supported");
        l.type = LayerType::Conv2D;
        l.activation = r.activation(o->fused_activation_function());
        if (in.size() < 2 || t.dims(in[1]).size() != 4) r.fail("inputs[1]", "expected [O, KH, KW, I] weights");
        r.window(l, t.dims(in[1])[1], t.dims(in[1])[2], o->stride_h(), o->stride_w(), o->padding());
        r.parameters(l, in, {l.out.c, l.kernelH, l.kernelW, l.in.c}, 0);
        break;
      }
      case fb::BuiltinOperator::DEPTHWISE_CONV_2D: {
        const auto* o = op.builtin_options_as_DepthwiseConv2DOptions();
        if (!o) r.fail("builtin_options", "DEPTHWISE_CONV_2D needs DepthwiseConv2DOptions");
        if (o->dilation_h_factor() != 1 || o->dilation_w_factor() != 1) r.fail("builtin_options", "dilation is not supported");
        l.type = LayerType::DepthwiseConv2D;
        l.activation = r.activation(o->fused_activation_function());
        if (l.out.c % l.in.c != 0) r.fail("outputs[0].shape", "output channels must be a multiple of the input's");
        l.depthMultiplier = l.out.c / l.in.c;  // the options' copy is optional in newer files
        if (in.size() < 2 || t.dims(in[1]).size() != 4) r.fail("inputs[1]", "expected [1, KH, KW, C] weights");
        r.window(l, t.dims(in[1])[1], t.dims(in[1])[2], o->stride_h(), o->stride_w(), o->padding());
        r.parameters(l, in, {1, l.kernelH, l.kernelW, l.out.c}, 3);
        break;
      }
      case fb::BuiltinOperator::AVERAGE_POOL_2D:
      case fb::BuiltinOperator::MAX_POOL_2D: {
        const auto* o = op.builtin_options_as_Pool2DOptions();
        if (!o) r.fail("builtin_options", operatorName(kind) + " needs Pool2DOptions");
        l.type = kind == fb::BuiltinOperator::MAX_POOL_2D ? LayerType::MaxPool2D : LayerType::AveragePool2D;
        l.activation = r.activation(o->fused_activation_function());
        r.window(l, o->filter_height(), o->filter_width(), o->stride_h(), o->stride_w(), o->padding());
        if (!(l.outQ == l.inQ)) r.fail("outputs[0].quantization", "int8 pools keep their input's quantisation");
        break;
      }
      case fb::BuiltinOperator::FULLY_CONNECTED: {
        const auto* o = op.builtin_options_as_FullyConnectedOptions();
        if (o && o->weights_format() != fb::FullyConnectedOptionsWeightsFormat::DEFAULT)
          r.fail("builtin_options.weights_format", "shuffled weights are not supported");
        if (o && o->keep_num_dims()) r.fail("builtin_options.keep_num_dims", "keep_num_dims is not supported");
        if (l.out.h != 1 || l.out.w != 1) r.fail("outputs[0].shape", "expected [1, N]");
        l.type = LayerType::Dense;
        l.activation = r.activation(o ? o->fused_activation_function() : fb::ActivationFunctionType::NONE);
        r.parameters(l, in, {l.out.c, l.in.size()}, 0);
        flat = true;
        break;
      }
      case fb::BuiltinOperator::SOFTMAX: {
        const auto* o = op.builtin_options_as_SoftmaxOptions();
        const float beta = o ? o->beta() : 1.0f;
        if (!std::isfinite(beta) || beta <= 0.0f || beta > 1e3f) r.fail("builtin_options.beta", "must be positive");
        if (!(l.out == l.in)) r.fail("outputs[0].shape", "SOFTMAX keeps its input's shape");
        if (!(l.outQ == quant::QuantParams{1.0f / 256.0f, -128}))
          r.fail("outputs[0].quantization", "int8 SOFTMAX output must have scale 1/256 and zero point -128");
        l.type = LayerType::Softmax;
        l.expTable = quant::softmaxExpTable(l.inQ.scale * beta);  // beta folds into the table
        break;
      }
      default: r.fail("", operatorName(kind) + " is not supported (Loupe reads CONV_2D, DEPTHWISE_CONV_2D, "
                          "AVERAGE_POOL_2D, MAX_POOL_2D, FULLY_CONNECTED, RESHAPE, SOFTMAX, QUANTIZE, DEQUANTIZE)");
    }
    if (flat && l.type != LayerType::Dense && l.type != LayerType::Softmax)
      r.fail("", operatorName(kind) + " after a flatten: only FULLY_CONNECTED and SOFTMAX may follow it");
    if (l.type != LayerType::Dense && l.type != LayerType::Softmax) r.checkGeometry(l);
    quant::activationRange(l.activation, l.outQ, l.actMin, l.actMax);
    q.layers.push_back(std::move(l));
    x = y;
  }
  if (floatInput) fail("subgraphs[0].operators", "the input is float and never quantised");
  if (q.layers.empty()) fail("subgraphs[0].operators", "no layers besides QUANTIZE/DEQUANTIZE/RESHAPE");
  if (x != outputs[0]) fail("subgraphs[0].outputs", "the output is not the last operator's output");
  return out;
}

}  // namespace loupe::tflite
