#pragma once
// Serialised NetworkSpec, as stored in the project's models table:
//   "LOUPENN1" | u32 little-endian header length | JSON header | float32 little-endian parameters
// The JSON header names the architecture, input shape, classes and every layer's hyper-parameters
// with its weight/bias counts; the parameters follow in layer order, weights before bias.
// Readable without Loupe (json + numpy.frombuffer) and validated on load.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::nn {

std::vector<std::uint8_t> serializeNetwork(const NetworkSpec& net);
// Throws std::invalid_argument naming what is wrong (magic, header field, layer, sizes).
NetworkSpec deserializeNetwork(const std::vector<std::uint8_t>& blob);

std::string_view toString(LayerType);
std::string_view toString(Padding);
std::string_view toString(Activation);

}  // namespace loupe::nn
