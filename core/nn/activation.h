#pragma once
// Fused activations (ReLU, ReLU6) applied in place after a layer's linear part, and their
// derivative expressed through the activated output, so backward needs no pre-activation copy.

#include <cstddef>

#include "core/nn/network_spec.h"

namespace loupe::nn {

void applyActivation(Activation act, float* values, std::size_t count);
// Multiplies the gradient by the activation's derivative, read from the activated output.
// At the kinks (0 and 6) the derivative is taken as 0, as PyTorch and TensorFlow do.
void maskActivationGradient(Activation act, const float* activated, float* grad, std::size_t count);

}  // namespace loupe::nn
