#include "firmware/protocol/cobs.h"

namespace loupe::protocol {

std::size_t cobsEncode(const std::uint8_t* src, std::size_t size, std::uint8_t* dst, std::size_t capacity) {
  if (capacity < cobsMaxEncodedSize(size)) return 0;
  std::size_t codeAt = 0;  // where the current block's length code goes
  std::size_t out = 1;
  std::uint8_t code = 1;
  for (std::size_t i = 0; i < size; ++i) {
    if (src[i] == 0) {
      dst[codeAt] = code;
      codeAt = out++;
      code = 1;
      continue;
    }
    dst[out++] = src[i];
    if (++code == 0xFF) {
      dst[codeAt] = code;
      // A full block ending the input needs no further block (the canonical encoding).
      if (i + 1 == size) return out;
      codeAt = out++;
      code = 1;
    }
  }
  dst[codeAt] = code;
  return out;
}

long cobsDecode(const std::uint8_t* src, std::size_t size, std::uint8_t* dst) {
  std::size_t in = 0;
  std::size_t out = 0;
  while (in < size) {
    const std::uint8_t code = src[in++];
    if (code == 0) return -1;
    const std::size_t run = static_cast<std::size_t>(code) - 1;
    if (in + run > size) return -1;
    for (std::size_t k = 0; k < run; ++k) {
      if (src[in] == 0) return -1;
      dst[out++] = src[in++];
    }
    // A block shorter than 254 data bytes stands for "data then a zero", except at the very end.
    if (code != 0xFF && in < size) dst[out++] = 0;
  }
  return static_cast<long>(out);
}

}  // namespace loupe::protocol
