#include "widgets/device/frame_image.h"

namespace loupe::widgets {

QImage frameImage(const CapturedFrame& f) {
  const bool gray = f.format == protocol::PixelFormat::Gray8;
  const int bytesPerLine = f.width * (gray ? 1 : 2);
  if (f.width == 0 || f.height == 0 || f.pixels.size() < static_cast<std::size_t>(bytesPerLine) * f.height) return {};
  // The QImage wraps the frame's buffer; copy() detaches it before the frame goes away.
  return QImage(f.pixels.data(), f.width, f.height, bytesPerLine, gray ? QImage::Format_Grayscale8 : QImage::Format_RGB16)
      .copy();
}

}  // namespace loupe::widgets
