#pragma once
// Content hashes identify media across imports: the same bytes always give the same item hash.

#include <cstdint>
#include <span>
#include <string>

namespace loupe {

// Lower-case hex SHA-256 of `bytes` (OpenSSL EVP).
std::string sha256Hex(std::span<const std::uint8_t> bytes);

}  // namespace loupe
