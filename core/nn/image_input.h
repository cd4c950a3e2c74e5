#pragma once
// Stored media -> the network's 8-bit input: decode (PNG/JPEG/BMP/PGM via OpenCV, or the raw
// 8-bit grayscale the IDX importer stores), convert to grayscale or RGB to match the input's
// channels, and resize to its height x width (area averaging when shrinking).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::nn {

// Throws std::invalid_argument when the bytes cannot be decoded.
std::vector<std::uint8_t> mediaToInput(std::span<const std::uint8_t> bytes, const std::string& format, int width,
                                       int height, const Shape& input);

}  // namespace loupe::nn
