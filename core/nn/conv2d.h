#pragma once
// Conv2D as im2col + one Eigen GEMM per batch: rows are output pixels of every sample, columns
// are the (kh, kw, in_c) patch in the same order as the OHWI weights, so the weight matrix is
// used as stored. A 1x1 stride-1 convolution (the pointwise half of a separable block) skips
// im2col: its input already is the patch matrix.

#include "core/nn/layer.h"
#include "core/nn/padding.h"

namespace loupe::nn {

class Conv2DLayer final : public Layer {
 public:
  Conv2DLayer(const LayerSpec& spec, const Shape& in);
  void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const override;
  void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n, float* dW,
                float* dB, LayerScratch& scratch) const override;

 private:
  bool isPointwise() const;
  void im2col(const float* in, int n, float* col) const;
  void col2im(const float* col, int n, float* dIn) const;
  Window win_;
  int patch_;  // kh * kw * in_c
};

}  // namespace loupe::nn
