#pragma once
// Fresh parameters for an architecture: He-normal for layers followed by ReLU/ReLU6 (keeps the
// activation variance through the rectifier), Glorot-uniform for the rest (the logits layer),
// zero biases. Sizes the weight/bias vectors from the shapes; same seed -> same weights.

#include <cstdint>

#include "core/nn/network_spec.h"

namespace loupe::nn {

void initialiseParameters(NetworkSpec& net, std::uint64_t seed);

}  // namespace loupe::nn
