#pragma once
// What the importers need to know about encoded image bytes before trusting a decoder:
// the container format (by magic number, not by extension), whether the file is complete, and
// the JPEG EXIF orientation. OpenCV decodes a truncated JPEG without complaint (grey fill), so
// completeness is checked on the container structure.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace loupe {

enum class ImageContainer { Unknown, Png, Jpeg, Bmp, Pgm };

ImageContainer sniffImageContainer(std::span<const std::uint8_t> bytes);
std::string_view containerName(ImageContainer);  // "png", "jpeg", "bmp", "pgm", ""

// Empty when the bytes hold a complete image of that container; otherwise why not.
std::string incompleteImageReason(ImageContainer, std::span<const std::uint8_t> bytes);

// EXIF orientation tag (1..8) of a JPEG; 1 when absent or unreadable.
int jpegExifOrientation(std::span<const std::uint8_t> bytes);

}  // namespace loupe
