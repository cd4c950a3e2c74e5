#include "core/nn/pool2d.h"

#include <algorithm>
#include <limits>

#include "core/nn/activation.h"

namespace loupe::nn {

Pool2DLayer::Pool2DLayer(const LayerSpec& spec, const Shape& in)
    : Layer(in, loupe::nn::outputShape(in, spec)),
      max_(spec.type == LayerType::MaxPool2D),
      win_(Window::of(spec, in)) {}

Pool2DLayer::Span Pool2DLayer::span(int oy, int ox) const {
  const Shape& is = inputShape();
  const auto y = loupe::runtime::windowSpan(oy, win_.sh, win_.padTop, win_.kh, is.h);
  const auto x = loupe::runtime::windowSpan(ox, win_.sw, win_.padLeft, win_.kw, is.w);
  return {y.begin, y.end, x.begin, x.end};
}

void Pool2DLayer::forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch&) const {
  const Shape& is = inputShape();
  const Shape& os = outputShape();
  const int c = is.c;
  for (int s = 0; s < n; ++s) {
    const float* x = in + static_cast<std::size_t>(s) * is.size();
    float* y = out + static_cast<std::size_t>(s) * os.size();
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox) {
        const Span win = span(oy, ox);
        float* yp = y + (static_cast<std::size_t>(oy) * os.w + ox) * c;
        std::fill(yp, yp + c, max_ ? -std::numeric_limits<float>::infinity() : 0.0f);
        for (int iy = win.y0; iy < win.y1; ++iy)
          for (int ix = win.x0; ix < win.x1; ++ix) {
            const float* xp = x + (static_cast<std::size_t>(iy) * is.w + ix) * c;
            if (max_)
              for (int k = 0; k < c; ++k) yp[k] = std::max(yp[k], xp[k]);
            else
              for (int k = 0; k < c; ++k) yp[k] += xp[k];
          }
        if (!max_) {
          const float inv = 1.0f / static_cast<float>((win.y1 - win.y0) * (win.x1 - win.x0));
          for (int k = 0; k < c; ++k) yp[k] *= inv;
        }
      }
  }
  applyActivation(spec.activation, out, static_cast<std::size_t>(n) * os.size());
}

void Pool2DLayer::backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n,
                           float*, float*, LayerScratch&) const {
  const Shape& is = inputShape();
  const Shape& os = outputShape();
  const int c = is.c;
  maskActivationGradient(spec.activation, out, dOut, static_cast<std::size_t>(n) * os.size());
  if (!dIn) return;
  std::fill(dIn, dIn + static_cast<std::size_t>(n) * is.size(), 0.0f);
  for (int s = 0; s < n; ++s) {
    const float* x = in + static_cast<std::size_t>(s) * is.size();
    const float* g = dOut + static_cast<std::size_t>(s) * os.size();
    float* dx = dIn + static_cast<std::size_t>(s) * is.size();
    for (int oy = 0; oy < os.h; ++oy)
      for (int ox = 0; ox < os.w; ++ox) {
        const Span win = span(oy, ox);
        const float* gp = g + (static_cast<std::size_t>(oy) * os.w + ox) * c;
        if (max_) {
          for (int k = 0; k < c; ++k) {
            std::size_t best = 0;
            float bestValue = -std::numeric_limits<float>::infinity();
            for (int iy = win.y0; iy < win.y1; ++iy)
              for (int ix = win.x0; ix < win.x1; ++ix) {
                const std::size_t at = (static_cast<std::size_t>(iy) * is.w + ix) * c + k;
                if (x[at] > bestValue) bestValue = x[at], best = at;
              }
            dx[best] += gp[k];
          }
        } else {
          const float inv = 1.0f / static_cast<float>((win.y1 - win.y0) * (win.x1 - win.x0));
          for (int iy = win.y0; iy < win.y1; ++iy)
            for (int ix = win.x0; ix < win.x1; ++ix) {
              float* dxp = dx + (static_cast<std::size_t>(iy) * is.w + ix) * c;
              for (int k = 0; k < c; ++k) dxp[k] += gp[k] * inv;
            }
        }
      }
  }
}

}  // namespace loupe::nn
