#include "core/nn/network_spec.h"

#include <stdexcept>

namespace loupe::nn {
namespace {
int outExtent(int in, int kernel, int stride, Padding padding) {
  // TensorFlow: SAME -> ceil(in / stride); VALID -> ceil((in - kernel + 1) / stride).
  if (padding == Padding::Same) return (in + stride - 1) / stride;
  return (in - kernel + stride) / stride;
}
}  // namespace

Shape outputShape(const Shape& in, const LayerSpec& l) {
  switch (l.type) {
    case LayerType::Conv2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              l.outChannels};
    case LayerType::DepthwiseConv2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              in.c * l.depthMultiplier};
    case LayerType::AveragePool2D:
    case LayerType::MaxPool2D:
      return {outExtent(in.h, l.kernelH, l.strideH, l.padding), outExtent(in.w, l.kernelW, l.strideW, l.padding),
              in.c};
    case LayerType::Dense:
      return {1, 1, l.outChannels};
    case LayerType::Softmax:
      return in;
  }
  throw std::logic_error("unknown layer type");
}

std::vector<Shape> activationShapes(const NetworkSpec& net) {
  std::vector<Shape> shapes{net.input};
  for (const auto& layer : net.layers) shapes.push_back(outputShape(shapes.back(), layer));
  return shapes;
}

}  // namespace loupe::nn
