#include "widgets/review/labeler_colors.h"

#include <array>

namespace loupe::widgets {

QColor labelerColor(int index) {
  // Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
  static constexpr std::array<QRgb, 8> kPalette{0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                                0x0072B2, 0xD55E00, 0xCC79A7, 0x000000};
  return QColor(kPalette[static_cast<std::size_t>(index) % kPalette.size()]);
}

}  // namespace loupe::widgets
