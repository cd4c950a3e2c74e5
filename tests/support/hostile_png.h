#pragma once
// PNG files that are wrong in one exact way, built in code for the hostile-input tests: a header
// declaring a huge size, a chunk with a bad CRC. Needs OpenCV (imgcodecs) and zlib.

#include <zlib.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace loupe::test {

// Big-endian, written into resized space: GCC 12 at -O3 takes vector::insert of a short list
// into a vector it knows is tiny for an overflow (a false -Wstringop-overflow).
inline void put32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  const std::size_t at = out.size();
  out.resize(at + 4);
  for (std::size_t i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

// One PNG chunk: length, type, data, CRC-32 over type and data (correct unless `badCrc`).
inline std::vector<std::uint8_t> pngChunk(const char* type, const std::vector<std::uint8_t>& data, bool badCrc = false) {
  std::vector<std::uint8_t> out;
  put32(out, static_cast<std::uint32_t>(data.size()));
  std::vector<std::uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  out.insert(out.end(), body.begin(), body.end());
  const auto crc = static_cast<std::uint32_t>(crc32(0, body.data(), static_cast<uInt>(body.size())));
  put32(out, badCrc ? crc ^ 1u : crc);
  return out;
}

// A PNG whose IHDR declares width x height (8-bit gray) and whose data holds one row: the header
// is all a size check may look at.
inline std::vector<std::uint8_t> pngDeclaring(std::uint32_t width, std::uint32_t height) {
  std::vector<std::uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  put32(ihdr, width);
  put32(ihdr, height);
  ihdr.resize(ihdr.size() + 5, 0);  // bit depth 8, then colour type, compression, filter, interlace 0
  ihdr[ihdr.size() - 5] = 8;
  std::vector<std::uint8_t> row(std::size_t{1} + 64, 0), packed(256);
  uLongf packedSize = packed.size();
  compress(packed.data(), &packedSize, row.data(), static_cast<uLong>(row.size()));
  packed.resize(packedSize);
  for (const auto& chunk : {pngChunk("IHDR", ihdr), pngChunk("IDAT", packed), pngChunk("IEND", {})})
    png.insert(png.end(), chunk.begin(), chunk.end());
  return png;
}

// A real 8x6 PNG with an extra chunk after IHDR (8 + 25 bytes in).
inline std::vector<std::uint8_t> pngWithChunkAfterHeader(const std::vector<std::uint8_t>& chunk) {
  std::vector<std::uint8_t> png;
  cv::imencode(".png", cv::Mat(6, 8, CV_8UC1, cv::Scalar(90)), png);
  png.insert(png.begin() + 33, chunk.begin(), chunk.end());
  return png;
}

// A real 8x6 PNG whose IDAT chunk has a wrong CRC: libpng refuses it (and says so on stderr).
inline std::vector<std::uint8_t> pngWithBadIdatCrc() {
  std::vector<std::uint8_t> png;
  cv::imencode(".png", cv::Mat(6, 8, CV_8UC1, cv::Scalar(90)), png);
  for (std::size_t at = 8; at + 8 <= png.size();) {
    const std::uint32_t length = (std::uint32_t(png[at]) << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
    if (std::equal(png.begin() + at + 4, png.begin() + at + 8, "IDAT")) {
      png[at + 8 + length + 3] ^= 0xFF;
      break;
    }
    at += 12 + length;
  }
  return png;
}

inline std::vector<std::uint8_t> smallPng() { return pngWithChunkAfterHeader({}); }

}  // namespace loupe::test
