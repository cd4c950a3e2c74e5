#include "core/quant/float_reference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/nn/padding.h"
#include "firmware/runtime/geometry.h"

namespace loupe::quant {

using nn::LayerType;
using nn::Shape;

namespace {

// out[oy][ox][oc] = value(oy, ox, oc) over the layer's output shape.
template <class Value>
Tensor eachOutput(const Shape& s, const nn::LayerSpec& l, Value value) {
  const Shape o = nn::outputShape(s, l);
  Tensor out(std::size_t(o.size()));
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox)
      for (int oc = 0; oc < o.c; ++oc) out[(oy * o.w + ox) * o.c + oc] = value(oy, ox, oc);
  return out;
}

// tap(ky, kx, iy, ix) for every kernel tap of output (oy, ox) inside the input: padding adds 0.
template <class Tap>
void eachTap(const Shape& s, const nn::LayerSpec& l, const nn::Window& pad, int oy, int ox, Tap tap) {
  for (int ky = 0; ky < l.kernelH; ++ky) {
    const int iy = oy * l.strideH - pad.padTop + ky;
    if (iy < 0 || iy >= s.h) continue;
    for (int kx = 0; kx < l.kernelW; ++kx) {
      const int ix = ox * l.strideW - pad.padLeft + kx;
      if (ix < 0 || ix >= s.w) continue;
      tap(ky, kx, iy, ix);
    }
  }
}

// The input rows [y0, yEnd) and columns [x0, xEnd) of output (oy, ox)'s window, clipped.
struct Window {
  int y0, x0, yEnd, xEnd;
};
Window window(int oy, int ox, const Shape& in, const nn::LayerSpec& l, const nn::Window& pad) {
  const auto y = loupe::runtime::windowSpan(oy, l.strideH, pad.padTop, l.kernelH, in.h);
  const auto x = loupe::runtime::windowSpan(ox, l.strideW, pad.padLeft, l.kernelW, in.w);
  return {y.begin, x.begin, y.end, x.end};
}

}  // namespace

void checkSpec(const nn::NetworkSpec& net) {
  using Kind = nn::SpecProblem::Kind;
  // nn's structural rules, in this module's wording (which its callers and tests know).
  if (const auto p = nn::specProblem(net)) {
    if (p->kind == Kind::InputShape) throw std::invalid_argument("network input shape is empty");
    const nn::LayerSpec& l = net.layers[p->layer];
    const std::string where = "layer " + std::to_string(p->layer) + ": ";
    switch (p->kind) {
      case Kind::InputShape: break;
      case Kind::Window:
      case Kind::DepthMultiplier:
        throw std::invalid_argument(where + "kernel, stride and depth multiplier must be positive");
      case Kind::OutChannels:
      case Kind::OutputShape: throw std::invalid_argument(where + "output shape is empty");
      case Kind::Parameters: {
        const std::size_t weights = nn::expectedWeightCount(l, p->in), biases = nn::expectedBiasCount(l, p->in);
        if (l.weights.size() != weights)
          throw std::invalid_argument(where + "expected " + std::to_string(weights) + " weights, got " +
                                      std::to_string(l.weights.size()));
        throw std::invalid_argument(where + "expected " + std::to_string(biases) + " biases, got " +
                                    std::to_string(l.bias.size()));
      }
    }
  }
  // The int8 path's own rule on top: softmax gets TFLite's fixed output quantisation (scale
  // 1/256), made for the network's final probabilities.
  for (std::size_t i = 0; i + 1 < net.layers.size(); ++i)
    if (net.layers[i].type == LayerType::Softmax)
      throw std::invalid_argument("layer " + std::to_string(i) + ": softmax must be the last layer");
}

Tensor conv2d(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const nn::Window pad = nn::Window::of(l, s);
  return eachOutput(s, l, [&](int oy, int ox, int oc) {
    double acc = l.bias[oc];
    eachTap(s, l, pad, oy, ox, [&](int ky, int kx, int iy, int ix) {
      for (int ic = 0; ic < s.c; ++ic)
        acc += double(l.weights[((oc * l.kernelH + ky) * l.kernelW + kx) * s.c + ic]) * in[(iy * s.w + ix) * s.c + ic];
    });
    return float(acc);
  });
}

Tensor depthwiseConv2d(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const nn::Window pad = nn::Window::of(l, s);
  const int outC = s.c * l.depthMultiplier;
  return eachOutput(s, l, [&](int oy, int ox, int oc) {
    const int ic = oc / l.depthMultiplier;
    double acc = l.bias[oc];
    eachTap(s, l, pad, oy, ox, [&](int ky, int kx, int iy, int ix) {
      acc += double(l.weights[(ky * l.kernelW + kx) * outC + oc]) * in[(iy * s.w + ix) * s.c + ic];
    });
    return float(acc);
  });
}

Tensor averagePool(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const nn::Window pad = nn::Window::of(l, s);
  return eachOutput(s, l, [&](int oy, int ox, int c) {
    const Window w = window(oy, ox, s, l, pad);
    const int count = (w.yEnd - w.y0) * (w.xEnd - w.x0);
    double sum = 0;
    for (int y = w.y0; y < w.yEnd; ++y)
      for (int x = w.x0; x < w.xEnd; ++x) sum += in[(y * s.w + x) * s.c + c];
    return count > 0 ? float(sum / count) : 0.0f;
  });
}

Tensor maxPool(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const nn::Window pad = nn::Window::of(l, s);
  return eachOutput(s, l, [&](int oy, int ox, int c) {
    const Window w = window(oy, ox, s, l, pad);
    float best = -std::numeric_limits<float>::infinity();
    for (int y = w.y0; y < w.yEnd; ++y)
      for (int x = w.x0; x < w.xEnd; ++x) best = std::max(best, in[(y * s.w + x) * s.c + c]);
    return best;
  });
}

Tensor dense(const Tensor& in, const nn::LayerSpec& l) {
  Tensor out(std::size_t(l.outChannels));
  const std::size_t n = in.size();
  for (int o = 0; o < l.outChannels; ++o) {
    double acc = l.bias[o];
    for (std::size_t i = 0; i < n; ++i) acc += double(l.weights[o * n + i]) * in[i];
    out[o] = float(acc);
  }
  return out;
}

Tensor softmax(const Tensor& in, const Shape& s) {
  Tensor out(in.size());
  for (int r = 0; r < s.h * s.w; ++r) {
    const float* x = in.data() + std::size_t(r) * s.c;
    const float mx = *std::max_element(x, x + s.c);
    double sum = 0;
    for (int c = 0; c < s.c; ++c) sum += std::exp(double(x[c]) - mx);
    for (int c = 0; c < s.c; ++c) out[std::size_t(r) * s.c + c] = float(std::exp(double(x[c]) - mx) / sum);
  }
  return out;
}

void applyActivation(Tensor& t, nn::Activation a) {
  if (a == nn::Activation::None) return;
  const float hi = a == nn::Activation::ReLU6 ? 6.0f : std::numeric_limits<float>::infinity();
  for (float& v : t) v = std::clamp(v, 0.0f, hi);
}

Tensor applyLayer(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  Tensor out;
  switch (l.type) {
    case LayerType::Conv2D: out = conv2d(in, s, l); break;
    case LayerType::DepthwiseConv2D: out = depthwiseConv2d(in, s, l); break;
    case LayerType::AveragePool2D: out = averagePool(in, s, l); break;
    case LayerType::MaxPool2D: out = maxPool(in, s, l); break;
    case LayerType::Dense: out = dense(in, l); break;
    case LayerType::Softmax: return softmax(in, s);
  }
  applyActivation(out, l.activation);
  return out;
}

std::vector<Tensor> forwardAll(const nn::NetworkSpec& net, const Tensor& input) {
  if (input.size() != std::size_t(net.input.size()))
    throw std::invalid_argument("input has " + std::to_string(input.size()) + " values, the network expects " +
                                std::to_string(net.input.size()));
  std::vector<Tensor> acts{input};
  Shape shape = net.input;
  for (const auto& l : net.layers) {
    acts.push_back(applyLayer(acts.back(), shape, l));
    shape = nn::outputShape(shape, l);
  }
  return acts;
}

Tensor forward(const nn::NetworkSpec& net, const Tensor& input) { return forwardAll(net, input).back(); }

}  // namespace loupe::quant
