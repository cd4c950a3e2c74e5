#pragma once
// Little-endian loads and stores by bytes. The blob may sit at any address (flash, a file buffer)
// and the board is little-endian but the host need not be, so nothing is read through a cast
// pointer: that would be both an alignment and a strict-aliasing hazard.

#include <cstdint>

namespace loupe::runtime {

inline uint16_t loadU16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t loadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
inline int32_t loadI32(const uint8_t* p) { return static_cast<int32_t>(loadU32(p)); }

inline void storeU16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v);
  p[1] = static_cast<uint8_t>(v >> 8);
}
inline void storeU32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace loupe::runtime
