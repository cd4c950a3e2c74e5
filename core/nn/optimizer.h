#pragma once
// Adam and SGD with momentum, in PyTorch's formulation so results compare with torch.optim:
//   SGD:  v = mu * v + g;  w -= lr * v
//   Adam: m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;  w -= lr * m^ / (sqrt(v^) + eps)
// Weight decay is L2 (added to the gradient) and applies to weights only, not biases: decaying
// biases only fights the data.

#include <cstddef>
#include <vector>

#include "core/nn/network.h"

namespace loupe::nn {

enum class OptimizerKind { Adam, SgdMomentum };

struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::Adam;
  float learningRate = 1e-3f;
  float momentum = 0.9f;  // SGD
  float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;  // Adam
  float weightDecay = 0.0f;
};

class Optimizer {
 public:
  Optimizer(const OptimizerOptions& options, std::size_t parameterCount);
  // Applies one step with the averaged batch gradient `grads` (parameterCount floats).
  void step(Network& net, const float* grads);
  // For learning-rate schedules; the moment estimates are kept.
  void setLearningRate(float lr) { o_.learningRate = lr; }

 private:
  OptimizerOptions o_;
  std::vector<float> first_, second_;
  long steps_ = 0;
};

}  // namespace loupe::nn
