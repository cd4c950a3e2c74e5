#pragma once
// 64-bit perceptual hash (OpenCV img_hash PHash: DCT of a 32×32 grey image, sign of the 8×8
// low frequencies against their median). Brightening, re-encoding or a light blur change a few
// bits; a different picture changes about half of them.

#include <cstdint>
#include <vector>

namespace loupe::analysis {

// Throws std::runtime_error when OpenCV cannot decode the bytes.
std::uint64_t perceptualHashOfEncoded(const std::vector<std::uint8_t>& encoded);
// Row-major 8-bit grey pixels (e.g. Fashion-MNIST items stored raw).
std::uint64_t perceptualHashOfGray(const std::uint8_t* pixels, int width, int height);

int hammingDistance(std::uint64_t a, std::uint64_t b);

}  // namespace loupe::analysis
