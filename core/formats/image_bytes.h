#pragma once
// What the importers need to know about encoded image bytes before trusting a decoder:
// the container format (by magic number, not by extension), whether the file is complete, and
// the JPEG EXIF orientation. OpenCV decodes a truncated JPEG without complaint (grey fill), so
// completeness is checked on the container structure.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace loupe {

enum class ImageContainer { Unknown, Png, Jpeg, Bmp, Pgm };

ImageContainer sniffImageContainer(std::span<const std::uint8_t> bytes);
std::string_view containerName(ImageContainer);  // "png", "jpeg", "bmp", "pgm", ""

// Empty when the bytes hold a complete image of that container; otherwise why not.
std::string incompleteImageReason(ImageContainer, std::span<const std::uint8_t> bytes);

// The largest image Loupe imports: at most this many pixels a side and this many pixels in all.
// A decoder allocates what the header declares (a 1 MB PNG can declare 32000 x 32000 = 3 GB of
// pixels), so the header is read and checked before anything is decoded.
inline constexpr std::int64_t kMaxImageSide = 32767;
inline constexpr std::int64_t kMaxImagePixels = 100'000'000;

struct ImageSize {
  std::int64_t width = 0, height = 0;  // as stored (before EXIF orientation)
};

// Width and height the container's header declares (PNG IHDR, JPEG SOFn, BMP info header, PGM
// header); nullopt when the header cannot be read.
std::optional<ImageSize> declaredImageSize(ImageContainer, std::span<const std::uint8_t> bytes);

// Why an image of width x height is refused (not positive, a side over kMaxImageSide, more than
// kMaxImagePixels in all), or "" when it is acceptable.
std::string imageSizeProblem(std::int64_t width, std::int64_t height);

// EXIF orientation tag (1..8) of a JPEG; 1 when absent or unreadable.
int jpegExifOrientation(std::span<const std::uint8_t> bytes);

}  // namespace loupe
