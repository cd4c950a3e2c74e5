#pragma once
// Small deterministic networks and inputs for the quantisation tests.

#include <cmath>
#include <random>
#include <vector>

#include <Eigen/Dense>

#include "core/nn/network_spec.h"
#include "core/quant/float_reference.h"

namespace testnets {

using namespace loupe::nn;

// Fills weights/biases with He-scaled uniform values so activations stay in a sane range.
inline void randomise(NetworkSpec& net, unsigned seed) {
  std::mt19937 rng(seed);
  Shape shape = net.input;
  for (auto& l : net.layers) {
    int fanIn = 1, weights = 0, outC = 0;
    const Shape out = outputShape(shape, l);
    if (l.type == LayerType::Conv2D) fanIn = l.kernelH * l.kernelW * shape.c, weights = out.c * fanIn, outC = out.c;
    if (l.type == LayerType::DepthwiseConv2D) fanIn = l.kernelH * l.kernelW, weights = fanIn * out.c, outC = out.c;
    if (l.type == LayerType::Dense) fanIn = shape.size(), weights = out.c * fanIn, outC = out.c;
    std::uniform_real_distribution<float> w(-std::sqrt(6.0f / fanIn), std::sqrt(6.0f / fanIn));
    std::uniform_real_distribution<float> b(-0.1f, 0.1f);
    l.weights.resize(std::size_t(weights));
    for (float& v : l.weights) v = w(rng);
    l.bias.resize(std::size_t(outC));
    for (float& v : l.bias) v = b(rng);
    shape = out;
  }
}

// conv 3x3 SAME ReLU (4) -> max pool 2x2/2 -> depthwise 3x3 VALID x2 ReLU6 -> dense 3 -> softmax.
// Activations: 6x6x4, 3x3x4, 1x1x8, 3, 3.
inline NetworkSpec tinyNet(unsigned seed = 1) {
  NetworkSpec net;
  net.arch = "tiny-test";
  net.input = {6, 6, 1};
  net.classes = {"a", "b", "c"};
  net.layers = {
      {.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .padding = Padding::Same, .outChannels = 4,
       .activation = Activation::ReLU},
      {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2},
      {.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .depthMultiplier = 2,
       .activation = Activation::ReLU6},
      {.type = LayerType::Dense, .outChannels = 3},
      {.type = LayerType::Softmax},
  };
  randomise(net, seed);
  return net;
}

// A deeper net with every op: conv s2 SAME ReLU (8) -> depthwise 3x3 SAME ReLU6 -> conv 1x1 ReLU (8)
// -> avg pool 2x2/2 SAME -> max pool 2x2/1 VALID -> dense 10 -> softmax. Input 16x16x1.
inline NetworkSpec everyOpNet(unsigned seed) {
  NetworkSpec net;
  net.arch = "every-op-test";
  net.input = {16, 16, 1};
  for (int c = 0; c < 10; ++c) net.classes.push_back("c" + std::to_string(c));
  net.layers = {
      {.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2,
       .padding = Padding::Same, .outChannels = 8, .activation = Activation::ReLU},
      {.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .padding = Padding::Same,
       .activation = Activation::ReLU6},
      {.type = LayerType::Conv2D, .outChannels = 8, .activation = Activation::ReLU},
      {.type = LayerType::AveragePool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2,
       .padding = Padding::Same},
      {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2},
      {.type = LayerType::Dense, .outChannels = 10},
      {.type = LayerType::Softmax},
  };
  randomise(net, seed);
  return net;
}

// RGB input with every spatial extent, channel count and the flatten order exercised:
// conv 3x3 VALID (6, ReLU) -> depthwise 3x3 s2 SAME x2 (ReLU6) -> avg pool 2x2 s1 SAME -> dense 4.
inline NetworkSpec colourNet() {
  NetworkSpec net;
  net.arch = "colour-test";
  net.input = {12, 11, 3};
  net.classes = {"a", "b", "c", "d"};
  net.layers = {
      {.type = LayerType::Conv2D, .kernelH = 3, .kernelW = 3, .outChannels = 6, .activation = Activation::ReLU},
      {.type = LayerType::DepthwiseConv2D, .kernelH = 3, .kernelW = 3, .strideH = 2, .strideW = 2,
       .padding = Padding::Same, .depthMultiplier = 2, .activation = Activation::ReLU6},
      {.type = LayerType::AveragePool2D, .kernelH = 2, .kernelW = 2, .padding = Padding::Same},
      {.type = LayerType::MaxPool2D, .kernelH = 2, .kernelW = 2, .strideH = 2, .strideW = 2, .padding = Padding::Same},
      {.type = LayerType::Dense, .outChannels = 4},
  };
  testnets::randomise(net, 42);
  return net;
}
// Normalised inputs ((p - 128) / 128) of random smooth images: a random gradient plus a blob
// plus pixel noise, so neighbouring pixels correlate as in real images.
inline std::vector<loupe::quant::Tensor> images(const Shape& s, int count, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  std::vector<loupe::quant::Tensor> out;
  for (int n = 0; n < count; ++n) {
    const float gx = u(rng) * 2 - 1, gy = u(rng) * 2 - 1, cx = u(rng) * s.w, cy = u(rng) * s.h, r = 1 + u(rng) * s.w / 3;
    loupe::quant::Tensor t(std::size_t(s.size()));
    for (int y = 0; y < s.h; ++y)
      for (int x = 0; x < s.w; ++x)
        for (int c = 0; c < s.c; ++c) {
          const float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
          float p = 128 + 60 * (gx * x / s.w + gy * y / s.h) + 100 * std::exp(-d2) + 20 * (u(rng) - 0.5f);
          p = std::round(std::fmin(255.0f, std::fmax(0.0f, p)));
          t[std::size_t((y * s.w + x) * s.c + c)] = normalisePixel(static_cast<unsigned char>(p));
        }
    out.push_back(std::move(t));
  }
  return out;
}

// A labelled toy task: class k puts a bright blob at the k-th of `classes` positions on a circle,
// over a random gradient with pixel noise.
struct Labelled {
  std::vector<loupe::quant::Tensor> x;
  std::vector<int> y;
};
inline Labelled blobClasses(const Shape& s, int classes, int count, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  Labelled out;
  for (int n = 0; n < count; ++n) {
    const int k = n % classes;
    const float a = 6.2831853f * k / classes;
    const float cx = s.w / 2.0f + s.w * 0.3f * std::cos(a) + u(rng) - 0.5f;
    const float cy = s.h / 2.0f + s.h * 0.3f * std::sin(a) + u(rng) - 0.5f;
    const float gx = u(rng) - 0.5f, gy = u(rng) - 0.5f, amp = 60 + 60 * u(rng), r = s.w / 8.0f;
    loupe::quant::Tensor t(std::size_t(s.size()));
    for (int y = 0; y < s.h; ++y)
      for (int x = 0; x < s.w; ++x)
        for (int c = 0; c < s.c; ++c) {
          const float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
          float p = 100 + 60 * (gx * x / s.w + gy * y / s.h) + amp * std::exp(-d2) + 16 * (u(rng) - 0.5f);
          p = std::round(std::fmin(255.0f, std::fmax(0.0f, p)));
          t[std::size_t((y * s.w + x) * s.c + c)] = normalisePixel(static_cast<unsigned char>(p));
        }
    out.x.push_back(std::move(t));
    out.y.push_back(k);
  }
  return out;
}

// Stands in for training: keeps the random feature layers and fits the final dense layer (the
// one before softmax) by ridge regression onto one-hot targets, so the net actually classifies.
inline void fitReadout(NetworkSpec& net, const Labelled& data) {
  const std::size_t dense = net.layers.back().type == LayerType::Softmax ? net.layers.size() - 2 : net.layers.size() - 1;
  auto& l = net.layers[dense];
  const int classes = l.outChannels;
  const auto first = loupe::quant::forwardAll(net, data.x[0]);
  const int features = int(first[dense].size());
  Eigen::MatrixXd f(data.x.size(), features + 1), t = Eigen::MatrixXd::Zero(data.x.size(), classes);
  for (std::size_t i = 0; i < data.x.size(); ++i) {
    const auto acts = loupe::quant::forwardAll(net, data.x[i]);
    for (int j = 0; j < features; ++j) f(i, j) = acts[dense][j];
    f(i, features) = 1.0;
    t(i, data.y[i]) = 1.0;
  }
  const Eigen::MatrixXd reg = 1e-2 * Eigen::MatrixXd::Identity(features + 1, features + 1);
  const Eigen::MatrixXd w = (f.transpose() * f + reg).ldlt().solve(f.transpose() * t);  // [features+1][classes]
  for (int o = 0; o < classes; ++o) {
    for (int j = 0; j < features; ++j) l.weights[std::size_t(o * features + j)] = float(w(j, o));
    l.bias[std::size_t(o)] = float(w(features, o));
  }
}

}  // namespace testnets
