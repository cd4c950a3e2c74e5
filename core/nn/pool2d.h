#pragma once
// Average and max pooling with TensorFlow Lite semantics: with SAME padding the average divides
// by the number of in-bounds pixels and the max ignores padded positions. The max gradient goes
// to the first maximal pixel in window order, as TensorFlow's MaxPoolGrad does.

#include "core/nn/layer.h"
#include "core/nn/padding.h"

namespace loupe::nn {

class Pool2DLayer final : public Layer {
 public:
  Pool2DLayer(const LayerSpec& spec, const Shape& in);
  void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const override;
  void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n, float* dW,
                float* dB, LayerScratch& scratch) const override;

 private:
  struct Span {
    int y0, y1, x0, x1;  // in-bounds input rows [y0, y1) and columns [x0, x1)
  };
  Span span(int oy, int ox) const;
  bool max_;
  Window win_;
};

}  // namespace loupe::nn
