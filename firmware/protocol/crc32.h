#pragma once
// CRC-32 (IEEE 802.3: reflected, polynomial 0xEDB88320, init and final XOR 0xFFFFFFFF), the same
// CRC zlib and PNG use, so host tools can cross-check frames and model blobs.

#include <cstddef>
#include <cstdint>

namespace loupe::proto {

// Incremental form: start with kCrc32Init, feed pieces through crc32Update, finish with crc32Final.
inline constexpr std::uint32_t kCrc32Init = 0xFFFFFFFFu;
std::uint32_t crc32Update(std::uint32_t state, const std::uint8_t* data, std::size_t size);
inline std::uint32_t crc32Final(std::uint32_t state) { return state ^ 0xFFFFFFFFu; }

inline std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  return crc32Final(crc32Update(kCrc32Init, data, size));
}

}  // namespace loupe::proto
