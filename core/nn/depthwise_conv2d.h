#pragma once
// Depthwise Conv2D: each input channel is convolved with its own `multiplier` filters. There is
// no GEMM shape here worth forming (the reduction is only kh*kw long), so the loops run over
// output pixels with the channel axis innermost and contiguous in both the HWC activations and
// the 1HWO weights, which the compiler vectorises.

#include "core/nn/layer.h"
#include "core/nn/padding.h"

namespace loupe::nn {

class DepthwiseConv2DLayer final : public Layer {
 public:
  DepthwiseConv2DLayer(const LayerSpec& spec, const Shape& in);
  void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const override;
  void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n, float* dW,
                float* dB, LayerScratch& scratch) const override;

 private:
  Window win_;
  int mult_;
};

}  // namespace loupe::nn
