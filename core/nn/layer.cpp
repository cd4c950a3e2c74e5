#include "core/nn/layer.h"

#include <stdexcept>

#include "core/nn/conv2d.h"
#include "core/nn/dense.h"
#include "core/nn/depthwise_conv2d.h"
#include "core/nn/pool2d.h"
#include "core/nn/softmax.h"

namespace loupe::nn {

std::unique_ptr<Layer> makeLayer(const LayerSpec& spec, const Shape& in) {
  switch (spec.type) {
    case LayerType::Conv2D:
      return std::make_unique<Conv2DLayer>(spec, in);
    case LayerType::DepthwiseConv2D:
      return std::make_unique<DepthwiseConv2DLayer>(spec, in);
    case LayerType::AveragePool2D:
    case LayerType::MaxPool2D:
      return std::make_unique<Pool2DLayer>(spec, in);
    case LayerType::Dense:
      return std::make_unique<DenseLayer>(spec, in);
    case LayerType::Softmax:
      return std::make_unique<SoftmaxLayer>(in);
  }
  throw std::logic_error("unknown layer type");
}

std::size_t expectedWeightCount(const LayerSpec& spec, const Shape& in) {
  const auto out = static_cast<std::size_t>(outputShape(in, spec).c);
  const auto window = static_cast<std::size_t>(spec.kernelH) * static_cast<std::size_t>(spec.kernelW);
  switch (spec.type) {
    case LayerType::Conv2D:
      return out * window * static_cast<std::size_t>(in.c);
    case LayerType::DepthwiseConv2D:
      return window * out;
    case LayerType::Dense:
      return out * static_cast<std::size_t>(in.size());
    default:
      return 0;
  }
}

std::size_t expectedBiasCount(const LayerSpec& spec, const Shape& in) {
  switch (spec.type) {
    case LayerType::Conv2D:
    case LayerType::DepthwiseConv2D:
    case LayerType::Dense:
      return static_cast<std::size_t>(outputShape(in, spec).c);
    default:
      return 0;
  }
}

}  // namespace loupe::nn
