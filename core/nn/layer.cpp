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

}  // namespace loupe::nn
