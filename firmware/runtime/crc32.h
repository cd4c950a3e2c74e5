#pragma once
// CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320, initial value and final
// xor 0xFFFFFFFF): crc32("123456789") == 0xCBF43926. The one implementation in the tree: model
// blobs (runtime), wire frames (protocol) and the board's model store all check with it.

#include <cstddef>
#include <cstdint>

namespace loupe::runtime {

// `crc` continues a previous call (start with 0), so a blob can be checked in pieces.
uint32_t crc32(const uint8_t* data, size_t len, uint32_t crc = 0);

}  // namespace loupe::runtime
