#include "core/quant/converter.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "firmware/runtime/blob_format.h"

namespace loupe::quant {

using nn::LayerType;

std::vector<float> perChannelWeightScales(const nn::LayerSpec& l, int outChannels) {
  std::vector<float> maxAbs(std::size_t(outChannels), 0.0f);
  const std::size_t n = l.weights.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = l.type == LayerType::DepthwiseConv2D ? i % outChannels : i / (n / outChannels);
    maxAbs[c] = std::max(maxAbs[c], std::abs(l.weights[i]));
  }
  for (float& s : maxAbs) s = s > 0.0f ? s / 127.0f : 1.0f;
  return maxAbs;
}

void activationRange(nn::Activation a, const QuantParams& q, std::int32_t& actMin, std::int32_t& actMax) {
  actMin = -128;
  actMax = 127;
  if (a == nn::Activation::None) return;
  actMin = std::max<std::int32_t>(-128, q.zeroPoint);
  if (a == nn::Activation::ReLU6) {
    // Done in double and clamped before the conversion: an imported file's scale can be tiny
    // (6 / scale far past int32), and converting such a value to int is undefined behaviour.
    const double top = double(q.zeroPoint) + std::round(6.0 / double(q.scale));
    actMax = top >= 127.0 || !(top == top) ? 127 : static_cast<std::int32_t>(std::max(top, -128.0));
  }
}

std::vector<std::uint32_t> softmaxExpTable(float inputScale) {
  std::vector<std::uint32_t> table(loupe::runtime::blob::kSoftmaxTableSize);
  const double one = double(std::uint32_t{1} << loupe::runtime::blob::kSoftmaxTableBits);
  for (std::size_t d = 0; d < table.size(); ++d)
    table[d] = static_cast<std::uint32_t>(std::round(one * std::exp(-double(d) * double(inputScale))));
  return table;
}

QuantizedModel quantize(const nn::NetworkSpec& net, const std::vector<TensorRange>& ranges) {
  checkSpec(net);
  if (ranges.size() != net.layers.size() + 1)
    throw std::invalid_argument("quantize: expected one calibrated range per activation");
  const auto shapes = nn::activationShapes(net);
  QuantizedModel q;
  q.input = net.input;
  q.inputQ = {nn::kInputScale, nn::kInputZeroPoint};
  QuantParams inQ = q.inputQ;
  // Field-by-field copies here and in the runtime's parameter setup (interpreter.cpp) are alike in
  // shape only: each moves one type's fields into another's, spelled out so a missing one shows.
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const nn::LayerSpec& s = net.layers[i];
    QuantizedLayer l;
    l.type = s.type;
    l.activation = s.activation;
    l.padding = s.padding;
    l.kernelH = s.kernelH;
    l.kernelW = s.kernelW;
    l.strideH = s.strideH;
    l.strideW = s.strideW;
    l.depthMultiplier = s.type == LayerType::DepthwiseConv2D ? s.depthMultiplier : 1;
    if (s.type == LayerType::Dense || s.type == LayerType::Softmax) l.kernelH = l.kernelW = l.strideH = l.strideW = 1;
    l.in = shapes[i];
    l.out = shapes[i + 1];
    l.inQ = inQ;
    switch (s.type) {
      case LayerType::AveragePool2D:
      case LayerType::MaxPool2D:
        l.outQ = inQ;  // TFLite int8 pools keep their input's quantisation
        break;
      case LayerType::Softmax:
        l.outQ = {1.0f / 256.0f, loupe::runtime::blob::kSoftmaxOutZeroPoint};
        l.expTable = softmaxExpTable(inQ.scale);
        break;
      default:
        l.outQ = chooseAsymmetricInt8(ranges[i + 1].min, ranges[i + 1].max);
        break;
    }
    activationRange(s.activation, l.outQ, l.actMin, l.actMax);
    if (s.type == LayerType::Conv2D || s.type == LayerType::DepthwiseConv2D || s.type == LayerType::Dense) {
      const int outC = l.out.c;
      l.weightScales = perChannelWeightScales(s, outC);
      l.weights.resize(s.weights.size());
      for (std::size_t k = 0; k < s.weights.size(); ++k) {
        const std::size_t c = s.type == LayerType::DepthwiseConv2D ? k % outC : k / (s.weights.size() / outC);
        const double v = std::round(double(s.weights[k]) / l.weightScales[c]);
        l.weights[k] = static_cast<std::int8_t>(std::clamp(v, -127.0, 127.0));
      }
      for (int c = 0; c < outC; ++c) {
        const double biasScale = double(inQ.scale) * l.weightScales[c];
        const double b = std::round(double(s.bias[c]) / biasScale);
        l.bias.push_back(static_cast<std::int32_t>(std::clamp<double>(b, std::numeric_limits<std::int32_t>::min(),
                                                                      std::numeric_limits<std::int32_t>::max())));
        l.multipliers.push_back(quantizeMultiplier(biasScale / l.outQ.scale));
      }
    }
    inQ = l.outQ;
    q.layers.push_back(std::move(l));
  }
  return q;
}

}  // namespace loupe::quant
