#include "core/nn/footprint.h"

#include <algorithm>

namespace loupe::nn {

std::int64_t multiplyAccumulates(const NetworkSpec& net) {
  std::int64_t macs = 0;
  Shape in = net.input;
  for (const auto& l : net.layers) {
    const Shape out = outputShape(in, l);
    // Each weight of a conv, depthwise or dense layer is used once per output pixel.
    macs += static_cast<std::int64_t>(out.h) * out.w * static_cast<std::int64_t>(expectedWeightCount(l, in));
    in = out;
  }
  return macs;
}

std::size_t int8ParameterBytes(const NetworkSpec& net) {
  std::size_t bytes = 0;
  Shape in = net.input;
  for (const auto& l : net.layers) {
    bytes += expectedWeightCount(l, in) + 4 * expectedBiasCount(l, in);
    in = outputShape(in, l);
  }
  return bytes;
}

std::size_t pingPongArenaBytes(const NetworkSpec& net) {
  const auto shapes = activationShapes(net);
  std::size_t largest[2] = {0, 0};
  for (std::size_t i = 0; i < shapes.size(); ++i)
    largest[i % 2] = std::max(largest[i % 2], static_cast<std::size_t>(shapes[i].size()));
  return largest[0] + largest[1];
}

}  // namespace loupe::nn
