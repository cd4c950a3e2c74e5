#include "core/formats/image_bytes.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

namespace loupe {
namespace {

using Bytes = std::span<const std::uint8_t>;

std::uint32_t be16(Bytes b, std::size_t at) { return (std::uint32_t(b[at]) << 8) | b[at + 1]; }
std::uint32_t be32(Bytes b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le32(Bytes b, std::size_t at) {
  return std::uint32_t(b[at]) | (std::uint32_t(b[at + 1]) << 8) | (std::uint32_t(b[at + 2]) << 16) |
         (std::uint32_t(b[at + 3]) << 24);
}

// Walks the JPEG marker segments. Calls onSegment(marker, payload) for each segment with a
// length; returns the reason the stream is incomplete, or empty when EOI was reached.
template <typename OnSegment>
std::string walkJpeg(Bytes b, OnSegment onSegment) {
  std::size_t pos = 2;  // after SOI
  while (pos + 1 < b.size()) {
    if (b[pos] != 0xFF) return "corrupt JPEG: expected a marker at byte " + std::to_string(pos);
    while (pos + 1 < b.size() && b[pos + 1] == 0xFF) ++pos;  // fill bytes
    if (pos + 1 >= b.size()) break;
    const std::uint8_t marker = b[pos + 1];
    pos += 2;
    if (marker == 0xD9) return {};
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;
    if (pos + 2 > b.size()) break;
    const std::size_t length = be16(b, pos);
    if (length < 2) return "corrupt JPEG: segment length " + std::to_string(length);
    if (pos + length > b.size()) break;
    if (!onSegment(marker, b.subspan(pos + 2, length - 2))) return {};
    pos += length;
    if (marker == 0xDA) {
      // Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker inside it.
      while (pos + 1 < b.size() &&
             !(b[pos] == 0xFF && b[pos + 1] != 0x00 && !(b[pos + 1] >= 0xD0 && b[pos + 1] <= 0xD7)))
        ++pos;
    }
  }
  return "truncated JPEG: no end-of-image marker";
}

std::optional<int> exifOrientation(Bytes app1) {
  static constexpr std::uint8_t kExif[] = {'E', 'x', 'i', 'f', 0, 0};
  if (app1.size() < 6 + 8 || !std::equal(std::begin(kExif), std::end(kExif), app1.begin()))
    return std::nullopt;
  const Bytes tiff = app1.subspan(6);
  const bool little = tiff[0] == 'I' && tiff[1] == 'I';
  if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return std::nullopt;
  const auto u16 = [&](std::size_t at) -> std::optional<std::uint32_t> {
    if (at + 2 > tiff.size()) return std::nullopt;
    return little ? (std::uint32_t(tiff[at]) | (std::uint32_t(tiff[at + 1]) << 8)) : be16(tiff, at);
  };
  const auto u32 = [&](std::size_t at) -> std::optional<std::uint32_t> {
    if (at + 4 > tiff.size()) return std::nullopt;
    const auto hi = u16(little ? at + 2 : at), lo = u16(little ? at : at + 2);
    return (*hi << 16) | *lo;
  };
  if (u16(2) != 42u) return std::nullopt;
  const auto ifd = u32(4);
  if (!ifd) return std::nullopt;
  const auto count = u16(*ifd);
  if (!count) return std::nullopt;
  for (std::uint32_t i = 0; i < *count; ++i) {
    const std::size_t entry = *ifd + 2 + 12 * std::size_t(i);
    const auto tag = u16(entry), type = u16(entry + 2), value = u16(entry + 8);
    if (!tag || !type || !value) return std::nullopt;
    if (*tag == 0x0112 && *type == 3 && *value >= 1 && *value <= 8) return int(*value);
  }
  return std::nullopt;
}

std::string incompleteBmp(Bytes b) {
  if (b.size() < 26) return "truncated BMP header";
  const std::uint32_t offBits = le32(b, 10), headerSize = le32(b, 14);
  std::int64_t width = 0, height = 0;
  std::uint32_t bitCount = 0, compression = 0;
  if (headerSize == 12) {
    width = b[18] | (b[19] << 8);
    height = b[20] | (b[21] << 8);
    bitCount = b[24] | (b[25] << 8);
  } else {
    if (b.size() < 34) return "truncated BMP header";
    width = static_cast<std::int32_t>(le32(b, 18));
    height = static_cast<std::int32_t>(le32(b, 22));
    bitCount = b[28] | (b[29] << 8);
    compression = le32(b, 30);
  }
  if (compression != 0 && compression != 3) return {};  // RLE: leave it to the decoder
  // Bounds before arithmetic: a hostile header's product must not overflow (the size limit
  // itself is checked by the caller from the header, with a message that names it).
  if (std::llabs(width) > 1'000'000 || std::llabs(height) > 1'000'000)
    return "BMP header declares " + std::to_string(std::llabs(width)) + "x" + std::to_string(std::llabs(height)) +
           " pixels";
  const std::int64_t stride = ((std::llabs(width) * bitCount + 31) / 32) * 4;
  const std::int64_t needed = std::int64_t(offBits) + stride * std::llabs(height);
  if (needed > static_cast<std::int64_t>(b.size()))
    return "truncated BMP: pixel data needs " + std::to_string(needed) + " bytes, file has " +
           std::to_string(b.size());
  return {};
}

// Width, height, maxval of a PGM header and the offset of its raster; or why it cannot be read.
struct PgmHeader {
  std::int64_t fields[3] = {0, 0, 0};
  std::size_t rasterAt = 0;
  std::string problem;
};

PgmHeader readPgmHeader(Bytes b) {
  PgmHeader h;
  std::size_t pos = 2;
  for (auto& field : h.fields) {
    while (pos < b.size() && (std::isspace(b[pos]) || b[pos] == '#')) {
      if (b[pos] == '#')
        while (pos < b.size() && b[pos] != '\n') ++pos;
      else
        ++pos;
    }
    if (pos >= b.size() || !std::isdigit(b[pos])) {
      h.problem = "truncated PGM header";
      return h;
    }
    while (pos < b.size() && std::isdigit(b[pos])) {
      field = field * 10 + (b[pos++] - '0');
      if (field > (1 << 30)) {
        h.problem = "corrupt PGM header: number too large";
        return h;
      }
    }
  }
  h.rasterAt = pos + 1;  // the single whitespace before the raster
  return h;
}

std::string incompletePgm(Bytes b) {
  if (b[1] != '5') return {};  // ASCII P2: the decoder notices missing numbers
  const PgmHeader h = readPgmHeader(b);
  if (!h.problem.empty()) return h.problem;
  const std::size_t pos = h.rasterAt;
  const auto& fields = h.fields;
  const std::int64_t needed = fields[0] * fields[1] * (fields[2] > 255 ? 2 : 1);
  if (static_cast<std::int64_t>(b.size()) - static_cast<std::int64_t>(pos) < needed)
    return "truncated PGM: raster needs " + std::to_string(needed) + " bytes";
  return {};
}

}  // namespace

ImageContainer sniffImageContainer(Bytes b) {
  if (b.size() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return ImageContainer::Png;
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return ImageContainer::Jpeg;
  if (b.size() >= 2 && b[0] == 'B' && b[1] == 'M') return ImageContainer::Bmp;
  if (b.size() >= 2 && b[0] == 'P' && (b[1] == '5' || b[1] == '2')) return ImageContainer::Pgm;
  return ImageContainer::Unknown;
}

std::string_view containerName(ImageContainer c) {
  switch (c) {
    case ImageContainer::Png: return "png";
    case ImageContainer::Jpeg: return "jpeg";
    case ImageContainer::Bmp: return "bmp";
    case ImageContainer::Pgm: return "pgm";
    case ImageContainer::Unknown: break;
  }
  return "";
}

std::string incompleteImageReason(ImageContainer c, Bytes b) {
  switch (c) {
    case ImageContainer::Jpeg:
      return walkJpeg(b, [](std::uint8_t, Bytes) { return true; });
    case ImageContainer::Png: {
      static constexpr std::uint8_t kIend[] = {'I', 'E', 'N', 'D'};
      const auto it = std::find_end(b.begin(), b.end(), std::begin(kIend), std::end(kIend));
      return it == b.end() ? "truncated PNG: no IEND chunk" : std::string();
    }
    case ImageContainer::Bmp: return incompleteBmp(b);
    case ImageContainer::Pgm: return incompletePgm(b);
    case ImageContainer::Unknown: break;
  }
  return "not a PNG, JPEG, BMP or PGM image";
}

std::optional<ImageSize> declaredImageSize(ImageContainer c, Bytes b) {
  switch (c) {
    case ImageContainer::Png:
      // Signature (8), IHDR length (4) and type (4), then width and height, big-endian.
      if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
      return ImageSize{be32(b, 16), be32(b, 20)};
    case ImageContainer::Jpeg: {
      std::optional<ImageSize> size;
      walkJpeg(b, [&](std::uint8_t marker, Bytes payload) {
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && payload.size() >= 5) {
          size = ImageSize{be16(payload, 3), be16(payload, 1)};
          return false;
        }
        return marker != 0xDA;
      });
      return size;
    }
    case ImageContainer::Bmp: {
      if (b.size() < 26) return std::nullopt;
      if (le32(b, 14) == 12) return ImageSize{b[18] | (b[19] << 8), b[20] | (b[21] << 8)};
      // Height is negative for top-down bitmaps.
      return ImageSize{std::llabs(static_cast<std::int32_t>(le32(b, 18))), std::llabs(static_cast<std::int32_t>(le32(b, 22)))};
    }
    case ImageContainer::Pgm: {
      const PgmHeader h = readPgmHeader(b);
      if (!h.problem.empty()) return std::nullopt;
      return ImageSize{h.fields[0], h.fields[1]};
    }
    case ImageContainer::Unknown: break;
  }
  return std::nullopt;
}

std::string imageSizeProblem(std::int64_t width, std::int64_t height) {
  const std::string size = "image is " + std::to_string(width) + "x" + std::to_string(height);
  if (width <= 0 || height <= 0) return "image size must be positive (" + size.substr(9) + ")";
  if (width > kMaxImageSide || height > kMaxImageSide)
    return size + ", larger than the " + std::to_string(kMaxImageSide) + "-pixel side limit";
  if (width * height > kMaxImagePixels)
    return size + ", larger than the " + std::to_string(kMaxImagePixels / 1'000'000) + " MP limit";
  return {};
}

int jpegExifOrientation(Bytes b) {
  int orientation = 1;
  walkJpeg(b, [&](std::uint8_t marker, Bytes payload) {
    if (marker == 0xE1)
      if (const auto o = exifOrientation(payload)) {
        orientation = *o;
        return false;
      }
    return marker != 0xDA;  // EXIF precedes the first scan
  });
  return orientation;
}

}  // namespace loupe
