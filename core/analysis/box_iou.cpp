#include "core/analysis/box_iou.h"

#include <algorithm>

namespace loupe::analysis {

double boxArea(const Box& b) { return b.w * b.h; }

double iou(const Box& d, const Box& g, bool crowd) {
  const double w = std::min(d.x + d.w, g.x + g.w) - std::max(d.x, g.x);
  if (w <= 0) return 0.0;
  const double h = std::min(d.y + d.h, g.y + g.h) - std::max(d.y, g.y);
  if (h <= 0) return 0.0;
  const double inter = w * h;
  const double uni = crowd ? boxArea(d) : boxArea(d) + boxArea(g) - inter;
  return uni <= 0 ? 0.0 : inter / uni;
}

}  // namespace loupe::analysis
