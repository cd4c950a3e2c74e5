#include "core/nn/softmax.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace loupe::nn {

void softmax(const float* logits, float* probs, int classes) {
  const float top = *std::max_element(logits, logits + classes);
  double sum = 0.0;
  for (int k = 0; k < classes; ++k) sum += probs[k] = std::exp(logits[k] - top);
  const float inv = static_cast<float>(1.0 / sum);
  for (int k = 0; k < classes; ++k) probs[k] *= inv;
}

void SoftmaxLayer::forward(const LayerSpec&, const float* in, float* out, int n, LayerScratch&) const {
  const int c = inputShape().c;
  const std::int64_t rows = static_cast<std::int64_t>(n) * inputShape().h * inputShape().w;
  for (std::int64_t r = 0; r < rows; ++r)
    softmax(in + static_cast<std::size_t>(r) * c, out + static_cast<std::size_t>(r) * c, c);
}

void SoftmaxLayer::backward(const LayerSpec&, const float*, const float* out, float* dOut, float* dIn, int n, float*,
                            float*, LayerScratch&) const {
  if (!dIn) return;
  const int c = inputShape().c;
  const std::int64_t rows = static_cast<std::int64_t>(n) * inputShape().h * inputShape().w;
  for (std::int64_t s = 0; s < rows; ++s) {
    const float* p = out + static_cast<std::size_t>(s) * c;
    const float* g = dOut + static_cast<std::size_t>(s) * c;
    float* d = dIn + static_cast<std::size_t>(s) * c;
    double dot = 0.0;
    for (int k = 0; k < c; ++k) dot += static_cast<double>(g[k]) * p[k];
    for (int k = 0; k < c; ++k) d[k] = p[k] * (g[k] - static_cast<float>(dot));
  }
}

double labelWeightSum(std::span<const int> labels, std::span<const float> classWeights) {
  if (classWeights.empty()) return static_cast<double>(labels.size());
  double sum = 0.0;
  for (int y : labels) sum += classWeights[static_cast<std::size_t>(y)];
  return sum;
}

double crossEntropy(const float* probs, std::span<const int> labels, int classes, std::span<const float> classWeights,
                    double weightSum, float* dLogits) {
  // Clamp so a confidently wrong prediction gives a large finite loss, not inf.
  constexpr double kMinProb = 1e-12;
  double loss = 0.0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const int y = labels[i];
    const double w = classWeights.empty() ? 1.0 : classWeights[static_cast<std::size_t>(y)];
    const float* p = probs + i * static_cast<std::size_t>(classes);
    loss -= w * std::log(std::max(static_cast<double>(p[y]), kMinProb));
    if (!dLogits) continue;
    float* d = dLogits + i * static_cast<std::size_t>(classes);
    const float scale = static_cast<float>(w / weightSum);
    for (int k = 0; k < classes; ++k) d[k] = (p[k] - (k == y ? 1.0f : 0.0f)) * scale;
  }
  return weightSum > 0 ? loss / weightSum : 0.0;
}

}  // namespace loupe::nn
