#include "core/nn/conv2d.h"

#include <algorithm>
#include <cstring>

#include "core/nn/activation.h"
#include "core/nn/tensor.h"

namespace loupe::nn {

Conv2DLayer::Conv2DLayer(const LayerSpec& spec, const Shape& in)
    : Layer(in, loupe::nn::outputShape(in, spec)),
      win_(Window::of(spec, in)),
      patch_(spec.kernelH * spec.kernelW * in.c) {}

bool Conv2DLayer::isPointwise() const { return win_.kh == 1 && win_.kw == 1 && win_.sh == 1 && win_.sw == 1; }

void Conv2DLayer::im2col(const float* in, int n, float* col) const {
  const Shape& is = inputShape();
  const Shape& os = outputShape();
  const std::size_t rowBytes = sizeof(float) * static_cast<std::size_t>(is.c);
  for (int s = 0; s < n; ++s) {
    const float* src = in + static_cast<std::size_t>(s) * is.size();
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox) {
        float* dst = col + (static_cast<std::size_t>(s) * os.h * os.w + oy * os.w + ox) * patch_;
        for (int ky = 0; ky < win_.kh; ++ky) {
          const int iy = oy * win_.sh - win_.padTop + ky;
          for (int kx = 0; kx < win_.kw; ++kx, dst += is.c) {
            const int ix = ox * win_.sw - win_.padLeft + kx;
            const bool outside = iy < 0 || iy >= is.h || ix < 0 || ix >= is.w;
            if (is.c == 1)  // a grayscale stem: one float, where a memcpy call would cost more than the copy
              *dst = outside ? 0.0f : src[static_cast<std::size_t>(iy) * is.w + ix];
            else if (outside)
              std::memset(dst, 0, rowBytes);
            else
              std::memcpy(dst, src + (static_cast<std::size_t>(iy) * is.w + ix) * is.c, rowBytes);
          }
        }
      }
  }
}

void Conv2DLayer::col2im(const float* col, int n, float* dIn) const {
  const Shape& is = inputShape();
  const Shape& os = outputShape();
  std::fill(dIn, dIn + static_cast<std::size_t>(n) * is.size(), 0.0f);
  for (int s = 0; s < n; ++s) {
    float* dst = dIn + static_cast<std::size_t>(s) * is.size();
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox) {
        const float* src = col + (static_cast<std::size_t>(s) * os.h * os.w + oy * os.w + ox) * patch_;
        for (int ky = 0; ky < win_.kh; ++ky) {
          const int iy = oy * win_.sh - win_.padTop + ky;
          for (int kx = 0; kx < win_.kw; ++kx, src += is.c) {
            const int ix = ox * win_.sw - win_.padLeft + kx;
            if (iy < 0 || iy >= is.h || ix < 0 || ix >= is.w) continue;
            float* d = dst + (static_cast<std::size_t>(iy) * is.w + ix) * is.c;
            for (int c = 0; c < is.c; ++c) d[c] += src[c];
          }
        }
      }
  }
}

void Conv2DLayer::forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const {
  const Shape& os = outputShape();
  const Eigen::Index rows = static_cast<Eigen::Index>(n) * os.h * os.w;
  const float* colData = in;
  if (!isPointwise()) {
    scratch.buffer.resize(static_cast<std::size_t>(rows) * patch_);
    im2col(in, n, scratch.buffer.data());
    colData = scratch.buffer.data();
  }
  ConstMatrixMap col(colData, rows, patch_);
  ConstMatrixMap w(spec.weights.data(), os.c, patch_);
  MatrixMap y(out, rows, os.c);
  y.noalias() = col * w.transpose();
  y.rowwise() += ConstVectorMap(spec.bias.data(), os.c).transpose();
  applyActivation(spec.activation, out, static_cast<std::size_t>(rows) * os.c);
}

void Conv2DLayer::backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n,
                           float* dW, float* dB, LayerScratch& scratch) const {
  const Shape& os = outputShape();
  const Eigen::Index rows = static_cast<Eigen::Index>(n) * os.h * os.w;
  maskActivationGradient(spec.activation, out, dOut, static_cast<std::size_t>(rows) * os.c);
  ConstMatrixMap g(dOut, rows, os.c);
  ConstMatrixMap col(isPointwise() ? in : scratch.buffer.data(), rows, patch_);
  ConstMatrixMap w(spec.weights.data(), os.c, patch_);
  MatrixMap(dW, os.c, patch_).noalias() += g.transpose() * col;
  VectorMap(dB, os.c) += g.colwise().sum().transpose();
  if (!dIn) return;
  if (isPointwise()) {
    MatrixMap(dIn, rows, patch_).noalias() = g * w;
    return;
  }
  // The forward im2col is no longer needed: reuse its memory for the patch gradients.
  MatrixMap dCol(scratch.buffer.data(), rows, patch_);
  dCol.noalias() = g * w;
  col2im(scratch.buffer.data(), n, dIn);
}

}  // namespace loupe::nn
