#pragma once
// Turns an item's stored media (encoded bytes or raw gray8 pixels) into a QImage. Thread-safe:
// thumbnails decode on worker threads.

#include <QImage>

#include <cstdint>
#include <string>
#include <vector>

namespace loupe::widgets {

// `format` as stored: "png", "jpeg", "bmp", "pgm" (Qt decoders) or "raw-gray8" (width*height
// bytes, row-major). Returns a null image when the bytes cannot be decoded.
QImage decodeMedia(const std::vector<std::uint8_t>& bytes, const std::string& format, int width,
                   int height);

}  // namespace loupe::widgets
