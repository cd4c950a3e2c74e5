#pragma once
// Dense (fully connected): y = x W^T + b over the flattened HWC input, weights [out][in].

#include "core/nn/layer.h"

namespace loupe::nn {

class DenseLayer final : public Layer {
 public:
  DenseLayer(const LayerSpec& spec, const Shape& in);
  void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const override;
  void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n, float* dW,
                float* dB, LayerScratch& scratch) const override;
};

}  // namespace loupe::nn
