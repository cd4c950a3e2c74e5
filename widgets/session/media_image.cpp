#include "widgets/session/media_image.h"

#include <cstring>

namespace loupe::widgets {

QImage decodeMedia(const std::vector<std::uint8_t>& bytes, const std::string& format, int width,
                   int height) {
  if (bytes.empty()) return {};
  if (format == "raw-gray8") {
    if (width <= 0 || height <= 0 ||
        bytes.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height))
      return {};
    QImage img(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y)
      std::memcpy(img.scanLine(y), bytes.data() + static_cast<std::size_t>(y) * width,
                  static_cast<std::size_t>(width));
    return img;
  }
  QImage img;
  const QByteArray fmt = format == "jpeg" ? QByteArray("JPG") : QByteArray::fromStdString(format).toUpper();
  if (!img.loadFromData(bytes.data(), static_cast<int>(bytes.size()), fmt.constData()))
    img.loadFromData(bytes.data(), static_cast<int>(bytes.size()));  // trust the content over the tag
  return img;
}

}  // namespace loupe::widgets
