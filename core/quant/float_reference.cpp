#include "core/quant/float_reference.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace loupe::quant {

using nn::LayerType;
using nn::Shape;

namespace {

std::size_t expectedWeights(const nn::LayerSpec& l, const Shape& in) {
  switch (l.type) {
    case LayerType::Conv2D: return std::size_t(l.outChannels) * l.kernelH * l.kernelW * in.c;
    case LayerType::DepthwiseConv2D: return std::size_t(l.kernelH) * l.kernelW * in.c * l.depthMultiplier;
    case LayerType::Dense: return std::size_t(l.outChannels) * in.size();
    default: return 0;
  }
}

struct Window {
  int y0, x0, yEnd, xEnd;  // clipped to the input
};
Window window(int oy, int ox, const Shape& in, const nn::LayerSpec& l, int padH, int padW) {
  const int y = oy * l.strideH - padH, x = ox * l.strideW - padW;
  return {std::max(y, 0), std::max(x, 0), std::min(y + l.kernelH, in.h), std::min(x + l.kernelW, in.w)};
}

}  // namespace

int leadingPad(int in, int kernel, int stride, int out) { return std::max(((out - 1) * stride + kernel - in) / 2, 0); }

void checkSpec(const nn::NetworkSpec& net) {
  Shape shape = net.input;
  if (shape.size() <= 0) throw std::invalid_argument("network input shape is empty");
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const auto& l = net.layers[i];
    const std::string where = "layer " + std::to_string(i) + ": ";
    if (l.kernelH < 1 || l.kernelW < 1 || l.strideH < 1 || l.strideW < 1 || l.depthMultiplier < 1)
      throw std::invalid_argument(where + "kernel, stride and depth multiplier must be positive");
    if (l.type == LayerType::Softmax && i + 1 != net.layers.size())
      throw std::invalid_argument(where + "softmax must be the last layer");
    if (l.weights.size() != expectedWeights(l, shape))
      throw std::invalid_argument(where + "expected " + std::to_string(expectedWeights(l, shape)) + " weights, got " +
                                  std::to_string(l.weights.size()));
    const Shape out = nn::outputShape(shape, l);
    const bool hasBias = l.type == LayerType::Conv2D || l.type == LayerType::DepthwiseConv2D || l.type == LayerType::Dense;
    if (hasBias && l.bias.size() != std::size_t(out.c))
      throw std::invalid_argument(where + "expected " + std::to_string(out.c) + " biases, got " + std::to_string(l.bias.size()));
    if (out.h < 1 || out.w < 1 || out.c < 1) throw std::invalid_argument(where + "output shape is empty");
    shape = out;
  }
}

Tensor conv2d(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const Shape o = nn::outputShape(s, l);
  const int padH = l.padding == nn::Padding::Same ? leadingPad(s.h, l.kernelH, l.strideH, o.h) : 0;
  const int padW = l.padding == nn::Padding::Same ? leadingPad(s.w, l.kernelW, l.strideW, o.w) : 0;
  Tensor out(std::size_t(o.size()));
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox)
      for (int oc = 0; oc < o.c; ++oc) {
        double acc = l.bias[oc];
        for (int ky = 0; ky < l.kernelH; ++ky) {
          const int iy = oy * l.strideH - padH + ky;
          if (iy < 0 || iy >= s.h) continue;
          for (int kx = 0; kx < l.kernelW; ++kx) {
            const int ix = ox * l.strideW - padW + kx;
            if (ix < 0 || ix >= s.w) continue;
            for (int ic = 0; ic < s.c; ++ic)
              acc += double(l.weights[((oc * l.kernelH + ky) * l.kernelW + kx) * s.c + ic]) *
                     in[(iy * s.w + ix) * s.c + ic];
          }
        }
        out[(oy * o.w + ox) * o.c + oc] = float(acc);
      }
  return out;
}

Tensor depthwiseConv2d(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const Shape o = nn::outputShape(s, l);
  const int padH = l.padding == nn::Padding::Same ? leadingPad(s.h, l.kernelH, l.strideH, o.h) : 0;
  const int padW = l.padding == nn::Padding::Same ? leadingPad(s.w, l.kernelW, l.strideW, o.w) : 0;
  Tensor out(std::size_t(o.size()));
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox)
      for (int oc = 0; oc < o.c; ++oc) {
        const int ic = oc / l.depthMultiplier;
        double acc = l.bias[oc];
        for (int ky = 0; ky < l.kernelH; ++ky) {
          const int iy = oy * l.strideH - padH + ky;
          if (iy < 0 || iy >= s.h) continue;
          for (int kx = 0; kx < l.kernelW; ++kx) {
            const int ix = ox * l.strideW - padW + kx;
            if (ix < 0 || ix >= s.w) continue;
            acc += double(l.weights[(ky * l.kernelW + kx) * o.c + oc]) * in[(iy * s.w + ix) * s.c + ic];
          }
        }
        out[(oy * o.w + ox) * o.c + oc] = float(acc);
      }
  return out;
}

Tensor averagePool(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const Shape o = nn::outputShape(s, l);
  const int padH = l.padding == nn::Padding::Same ? leadingPad(s.h, l.kernelH, l.strideH, o.h) : 0;
  const int padW = l.padding == nn::Padding::Same ? leadingPad(s.w, l.kernelW, l.strideW, o.w) : 0;
  Tensor out(std::size_t(o.size()));
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox) {
      const Window w = window(oy, ox, s, l, padH, padW);
      const int count = (w.yEnd - w.y0) * (w.xEnd - w.x0);
      for (int c = 0; c < o.c; ++c) {
        double sum = 0;
        for (int y = w.y0; y < w.yEnd; ++y)
          for (int x = w.x0; x < w.xEnd; ++x) sum += in[(y * s.w + x) * s.c + c];
        out[(oy * o.w + ox) * o.c + c] = count > 0 ? float(sum / count) : 0.0f;
      }
    }
  return out;
}

Tensor maxPool(const Tensor& in, const Shape& s, const nn::LayerSpec& l) {
  const Shape o = nn::outputShape(s, l);
  const int padH = l.padding == nn::Padding::Same ? leadingPad(s.h, l.kernelH, l.strideH, o.h) : 0;
  const int padW = l.padding == nn::Padding::Same ? leadingPad(s.w, l.kernelW, l.strideW, o.w) : 0;
  Tensor out(std::size_t(o.size()));
  for (int oy = 0; oy < o.h; ++oy)
    for (int ox = 0; ox < o.w; ++ox) {
      const Window w = window(oy, ox, s, l, padH, padW);
      for (int c = 0; c < o.c; ++c) {
        float best = -std::numeric_limits<float>::infinity();
        for (int y = w.y0; y < w.yEnd; ++y)
          for (int x = w.x0; x < w.xEnd; ++x) best = std::max(best, in[(y * s.w + x) * s.c + c]);
        out[(oy * o.w + ox) * o.c + c] = best;
      }
    }
  return out;
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
