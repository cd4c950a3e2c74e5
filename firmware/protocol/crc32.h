#pragma once
// The frame CRC is the runtime's CRC-32 (IEEE 802.3, the one zlib and PNG use); this header only
// gives the protocol an incremental form for checksumming a frame's header and payload in pieces.

#include <cstddef>
#include <cstdint>

#include "firmware/runtime/crc32.h"

namespace loupe::protocol {

// Start with kCrc32Init, feed pieces through crc32Update, finish with crc32Final.
inline constexpr std::uint32_t kCrc32Init = 0xFFFFFFFFu;
inline std::uint32_t crc32Update(std::uint32_t state, const std::uint8_t* data, std::size_t size) {
  return ~loupe::runtime::crc32(data, size, ~state);
}
inline std::uint32_t crc32Final(std::uint32_t state) { return state ^ 0xFFFFFFFFu; }

inline std::uint32_t crc32(const std::uint8_t* data, std::size_t size) { return loupe::runtime::crc32(data, size); }

}  // namespace loupe::protocol
