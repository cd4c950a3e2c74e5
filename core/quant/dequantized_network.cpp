#include "core/quant/dequantized_network.h"

namespace loupe::quant {

nn::NetworkSpec dequantizedNetwork(const QuantizedModel& m, const std::string& arch,
                                   const std::vector<std::string>& classes) {
  nn::NetworkSpec net;
  net.arch = arch;
  net.input = m.input;
  net.classes = classes;
  // The board feeds q = pixel - 128 whatever the input quantisation says; the model reads
  // real = (q - zp) * s = 128 s * x - zp * s.
  if (!(m.inputQ == QuantParams{nn::kInputScale, nn::kInputZeroPoint})) {
    const float s = m.inputQ.scale;
    net.layers.push_back({.type = nn::LayerType::DepthwiseConv2D,
                          .weights = std::vector<float>(std::size_t(m.input.c), 128.0f * s),
                          .bias = std::vector<float>(std::size_t(m.input.c), -float(m.inputQ.zeroPoint) * s)});
  }
  for (const auto& l : m.layers) {
    nn::LayerSpec s{.type = l.type, .kernelH = l.kernelH, .kernelW = l.kernelW, .strideH = l.strideH,
                    .strideW = l.strideW, .padding = l.padding, .depthMultiplier = l.depthMultiplier,
                    .activation = l.activation};
    if (l.type == nn::LayerType::Conv2D || l.type == nn::LayerType::Dense) s.outChannels = l.out.c;
    const std::size_t channels = l.weightScales.size();
    for (std::size_t k = 0; channels && k < l.weights.size(); ++k) {
      // Channel axis: the last for depthwise (1HWO), the first otherwise (OHWI, [out][in]).
      const std::size_t c = l.type == nn::LayerType::DepthwiseConv2D ? k % channels : k / (l.weights.size() / channels);
      s.weights.push_back(float(l.weights[k]) * l.weightScales[c]);
    }
    for (std::size_t c = 0; c < l.bias.size(); ++c)
      s.bias.push_back(float(double(l.bias[c]) * l.inQ.scale * l.weightScales[c]));
    net.layers.push_back(std::move(s));
  }
  return net;
}

}  // namespace loupe::quant
