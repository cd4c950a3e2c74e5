#pragma once
// Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999): removes every 0x00 from a packet so
// 0x00 can delimit packets on the wire. Worst-case overhead is 1 byte per 254 plus one.

#include <cstddef>
#include <cstdint>

namespace loupe::protocol {

// Encoded size bound for `size` input bytes (without the trailing 0x00 delimiter).
constexpr std::size_t cobsMaxEncodedSize(std::size_t size) { return size + size / 254 + 1; }

// Encodes src into dst (no delimiter appended). Returns the encoded length, or 0 if dst is too
// small. dst and src must not overlap.
std::size_t cobsEncode(const std::uint8_t* src, std::size_t size, std::uint8_t* dst, std::size_t capacity);

// Decodes an encoded packet (without delimiter). dst may equal src (in-place). Returns the decoded
// length, or -1 if the input is not valid COBS (a zero byte, or a code running past the end).
long cobsDecode(const std::uint8_t* src, std::size_t size, std::uint8_t* dst);

}  // namespace loupe::protocol
