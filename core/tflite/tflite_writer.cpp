#include "core/tflite/tflite_writer.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/tflite/tflite_subset_generated.h"

namespace loupe::tflite {

using nn::LayerType;
using Fbb = flatbuffers::FlatBufferBuilder;

namespace {

// Operator versions as the TFLite converter sets them for int8 per-channel kernels; TFLM checks
// only that the builtin is registered, but Arm NN and the TFLite runtime read them.
int operatorVersion(fb::BuiltinOperator op) {
  switch (op) {
    case fb::BuiltinOperator::CONV_2D:
    case fb::BuiltinOperator::DEPTHWISE_CONV_2D: return 3;
    case fb::BuiltinOperator::FULLY_CONNECTED: return 4;
    case fb::BuiltinOperator::AVERAGE_POOL_2D:
    case fb::BuiltinOperator::MAX_POOL_2D:
    case fb::BuiltinOperator::SOFTMAX: return 2;
    default: return 1;
  }
}

fb::ActivationFunctionType activation(nn::Activation a) {
  switch (a) {
    case nn::Activation::ReLU: return fb::ActivationFunctionType::RELU;
    case nn::Activation::ReLU6: return fb::ActivationFunctionType::RELU6;
    case nn::Activation::None: break;
  }
  return fb::ActivationFunctionType::NONE;
}

fb::Padding padding(nn::Padding p) { return p == nn::Padding::Same ? fb::Padding::SAME : fb::Padding::VALID; }

// Collects tensors, constant buffers, operator codes and operators in the order TFLite lists them.
class GraphWriter {
 public:
  explicit GraphWriter(Fbb& b) : b_(b) { buffers_.push_back(fb::CreateBuffer(b_)); }  // buffer 0: empty

  int activationTensor(const std::vector<int>& shape, const quant::QuantParams& q) {
    return tensor(shape, fb::TensorType::INT8, 0, {q.scale}, {q.zeroPoint}, 0);
  }
  template <class T>
  int constantTensor(const std::vector<int>& shape, fb::TensorType type, const std::vector<T>& values,
                     const std::vector<float>& scales, int quantizedDimension) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(values.data());
    b_.ForceVectorAlignment(values.size() * sizeof(T), 1, 16);
    const auto data = b_.CreateVector(bytes, values.size() * sizeof(T));
    buffers_.push_back(fb::CreateBuffer(b_, data));
    return tensor(shape, type, static_cast<std::uint32_t>(buffers_.size() - 1), scales,
                  std::vector<std::int64_t>(scales.size(), 0), quantizedDimension);
  }
  void op(fb::BuiltinOperator code, const std::vector<int>& inputs, int output, fb::BuiltinOptions type,
          flatbuffers::Offset<void> options) {
    auto [it, added] = codeIndex_.try_emplace(code, static_cast<std::uint32_t>(codes_.size()));
    if (added)  // both code fields: old readers take the byte, new ones the larger of the two
      codes_.push_back(fb::CreateOperatorCode(b_, static_cast<std::int8_t>(code), 0, operatorVersion(code), code));
    ops_.push_back(fb::CreateOperator(b_, it->second, b_.CreateVector(inputs), b_.CreateVector(std::vector<int>{output}),
                                      type, options));
  }
  flatbuffers::Offset<fb::Model> finish(int input, int output, const char* description) {
    const auto graph = fb::CreateSubGraph(b_, b_.CreateVector(tensors_), b_.CreateVector(std::vector<int>{input}),
                                          b_.CreateVector(std::vector<int>{output}), b_.CreateVector(ops_),
                                          b_.CreateString("main"));
    return fb::CreateModel(b_, 3, b_.CreateVector(codes_), b_.CreateVector(std::vector{graph}),
                           b_.CreateString(description), b_.CreateVector(buffers_));
  }

 private:
  int tensor(const std::vector<int>& shape, fb::TensorType type, std::uint32_t buffer, const std::vector<float>& scales,
             const std::vector<std::int64_t>& zeroPoints, int quantizedDimension) {
    const auto q = fb::CreateQuantizationParameters(b_, 0, 0, b_.CreateVector(scales), b_.CreateVector(zeroPoints),
                                                    quantizedDimension);
    const std::string name = "t" + std::to_string(tensors_.size());
    tensors_.push_back(fb::CreateTensor(b_, b_.CreateVector(shape), type, buffer, b_.CreateString(name), q));
    return static_cast<int>(tensors_.size() - 1);
  }

  Fbb& b_;
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors_;
  std::vector<flatbuffers::Offset<fb::Buffer>> buffers_;
  std::vector<flatbuffers::Offset<fb::OperatorCode>> codes_;
  std::vector<flatbuffers::Offset<fb::Operator>> ops_;
  std::map<fb::BuiltinOperator, std::uint32_t> codeIndex_;
};

std::vector<int> nhwc(const nn::Shape& s) { return {1, s.h, s.w, s.c}; }

// Weights and bias of a conv, depthwise or dense layer; TFLite's bias scale is s_in * s_w[c].
std::vector<int> weightsAndBias(GraphWriter& g, const quant::QuantizedLayer& l, const std::vector<int>& weightShape,
                                int quantizedDimension) {
  // One shared scale is written once (per-tensor), as the TFLite converter writes dense weights.
  std::vector<float> scales = l.weightScales;
  if (!scales.empty() && std::all_of(scales.begin(), scales.end(), [&](float s) { return s == scales[0]; }))
    scales.resize(1);
  std::vector<float> biasScales;
  for (float s : scales) biasScales.push_back(static_cast<float>(double(l.inQ.scale) * s));
  const int w = g.constantTensor(weightShape, fb::TensorType::INT8, l.weights, scales, quantizedDimension);
  const int b = g.constantTensor({l.out.c}, fb::TensorType::INT32, l.bias, biasScales, 0);
  return {w, b};
}

}  // namespace

std::vector<std::uint8_t> writeTflite(const quant::QuantizedModel& m, bool detector) {
  Fbb b(1024 + m.layers.size() * 4096);
  GraphWriter g(b);
  const int input = g.activationTensor(nhwc(m.input), m.inputQ);
  int x = input;
  bool flat = false;  // after the RESHAPE: [1, N] tensors
  for (const auto& l : m.layers) {
    const auto act = activation(l.activation);
    const auto pad = padding(l.padding);
    switch (l.type) {
      case LayerType::Conv2D: {
        auto in = weightsAndBias(g, l, {l.out.c, l.kernelH, l.kernelW, l.in.c}, 0);
        const int y = g.activationTensor(nhwc(l.out), l.outQ);
        g.op(fb::BuiltinOperator::CONV_2D, {x, in[0], in[1]}, y, fb::BuiltinOptions::Conv2DOptions,
             fb::CreateConv2DOptions(b, pad, l.strideW, l.strideH, act).Union());
        x = y;
        break;
      }
      case LayerType::DepthwiseConv2D: {
        auto in = weightsAndBias(g, l, {1, l.kernelH, l.kernelW, l.out.c}, 3);
        const int y = g.activationTensor(nhwc(l.out), l.outQ);
        g.op(fb::BuiltinOperator::DEPTHWISE_CONV_2D, {x, in[0], in[1]}, y, fb::BuiltinOptions::DepthwiseConv2DOptions,
             fb::CreateDepthwiseConv2DOptions(b, pad, l.strideW, l.strideH, l.depthMultiplier, act).Union());
        x = y;
        break;
      }
      case LayerType::AveragePool2D:
      case LayerType::MaxPool2D: {
        const int y = g.activationTensor(nhwc(l.out), l.outQ);
        const auto code = l.type == LayerType::MaxPool2D ? fb::BuiltinOperator::MAX_POOL_2D
                                                         : fb::BuiltinOperator::AVERAGE_POOL_2D;
        g.op(code, {x}, y, fb::BuiltinOptions::Pool2DOptions,
             fb::CreatePool2DOptions(b, pad, l.strideW, l.strideH, l.kernelW, l.kernelH, act).Union());
        x = y;
        break;
      }
      case LayerType::Dense: {
        const int inSize = l.in.size();
        if (l.out.c <= 0 || l.weights.size() != std::size_t(inSize) * std::size_t(l.out.c))
          throw std::invalid_argument("dense layer: weights do not match its input");
        if (!flat) {
          // Loupe's dense layers read the activation flattened in HWC order, which is NHWC memory.
          const int y = g.activationTensor({1, inSize}, l.inQ);
          g.op(fb::BuiltinOperator::RESHAPE, {x}, y, fb::BuiltinOptions::ReshapeOptions,
               fb::CreateReshapeOptions(b, b.CreateVector(std::vector<int>{1, inSize})).Union());
          x = y;
          flat = true;
        }
        auto in = weightsAndBias(g, l, {l.out.c, inSize}, 0);
        const int y = g.activationTensor({1, l.out.c}, l.outQ);
        g.op(fb::BuiltinOperator::FULLY_CONNECTED, {x, in[0], in[1]}, y, fb::BuiltinOptions::FullyConnectedOptions,
             fb::CreateFullyConnectedOptions(b, act).Union());
        x = y;
        break;
      }
      case LayerType::Softmax: {
        const int y = g.activationTensor(flat ? std::vector<int>{1, l.out.c} : nhwc(l.out), l.outQ);
        g.op(fb::BuiltinOperator::SOFTMAX, {x}, y, fb::BuiltinOptions::SoftmaxOptions,
             fb::CreateSoftmaxOptions(b, 1.0f).Union());
        x = y;
        break;
      }
    }
  }
  b.Finish(g.finish(input, x, detector ? kDetectorDescription : kClassifierDescription), fb::ModelIdentifier());
  return {b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize()};
}

}  // namespace loupe::tflite
