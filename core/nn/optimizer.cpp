#include "core/nn/optimizer.h"

#include <cmath>

namespace loupe::nn {

Optimizer::Optimizer(const OptimizerOptions& options, std::size_t parameterCount)
    : o_(options), first_(parameterCount, 0.0f), second_(options.kind == OptimizerKind::Adam ? parameterCount : 0, 0.0f) {}

void Optimizer::step(Network& net, const float* grads) {
  ++steps_;
  const float lr = o_.learningRate;
  const double c1 = 1.0 - std::pow(static_cast<double>(o_.beta1), static_cast<double>(steps_));
  const double c2 = 1.0 - std::pow(static_cast<double>(o_.beta2), static_cast<double>(steps_));
  const auto stepSize = static_cast<float>(lr / c1);
  const auto sqrtC2 = static_cast<float>(std::sqrt(c2));
  for (const ParameterBlock& b : net.parameterBlocks()) {
    float* w = net.parameter(b);
    const float decay = b.isBias ? 0.0f : o_.weightDecay;
    const float* g = grads + b.offset;
    float* m = first_.data() + b.offset;
    if (o_.kind == OptimizerKind::SgdMomentum) {
      for (std::size_t i = 0; i < b.count; ++i) {
        m[i] = o_.momentum * m[i] + g[i] + decay * w[i];
        w[i] -= lr * m[i];
      }
      continue;
    }
    float* v = second_.data() + b.offset;
    for (std::size_t i = 0; i < b.count; ++i) {
      const float gi = g[i] + decay * w[i];
      m[i] = o_.beta1 * m[i] + (1.0f - o_.beta1) * gi;
      v[i] = o_.beta2 * v[i] + (1.0f - o_.beta2) * gi * gi;
      w[i] -= stepSize * m[i] / (std::sqrt(v[i]) / sqrtC2 + o_.epsilon);
    }
  }
}

}  // namespace loupe::nn
