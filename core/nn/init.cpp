#include "core/nn/init.h"

#include <cmath>
#include <random>

namespace loupe::nn {

void initialiseParameters(NetworkSpec& net, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Shape in = net.input;
  for (auto& l : net.layers) {
    const Shape out = outputShape(in, l);
    l.weights.assign(expectedWeightCount(l, in), 0.0f);
    l.bias.assign(expectedBiasCount(l, in), 0.0f);
    if (!l.weights.empty()) {
      const double window = static_cast<double>(l.kernelH) * l.kernelW;
      double fanIn = 0, fanOut = 0;
      switch (l.type) {
        case LayerType::Conv2D:
          fanIn = window * in.c, fanOut = window * out.c;
          break;
        case LayerType::DepthwiseConv2D:
          fanIn = window, fanOut = window * l.depthMultiplier;
          break;
        default:
          fanIn = in.size(), fanOut = out.c;
          break;
      }
      if (l.activation != Activation::None) {
        std::normal_distribution<float> he(0.0f, static_cast<float>(std::sqrt(2.0 / fanIn)));
        for (auto& w : l.weights) w = he(rng);
      } else {
        const auto limit = static_cast<float>(std::sqrt(6.0 / (fanIn + fanOut)));
        std::uniform_real_distribution<float> glorot(-limit, limit);
        for (auto& w : l.weights) w = glorot(rng);
      }
    }
    in = out;
  }
}

}  // namespace loupe::nn
