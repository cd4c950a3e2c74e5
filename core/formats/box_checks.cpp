#include "core/formats/box_checks.h"

#include "core/formats/text_fields.h"

namespace loupe {

std::string boxProblem(const Box& b, int width, int height) {
  if (b.w < 0 || b.h < 0) return "negative box size " + formatDouble(b.w) + " x " + formatDouble(b.h);
  const bool outside = b.x < -kEdgeTolerancePx || b.y < -kEdgeTolerancePx ||
                       (width > 0 && b.x + b.w > width + kEdgeTolerancePx) ||
                       (height > 0 && b.y + b.h > height + kEdgeTolerancePx);
  if (!outside) return {};
  return "box outside the image: [x=" + formatDouble(b.x) + ", y=" + formatDouble(b.y) + ", w=" + formatDouble(b.w) +
         ", h=" + formatDouble(b.h) + "] in a " + std::to_string(width) + "x" + std::to_string(height) + " image";
}

void requireBoxInsideImage(const Box& b, int width, int height, const InputLocation& where) {
  if (std::string problem = boxProblem(b, width, height); !problem.empty()) throw InputError(where, problem);
}

}  // namespace loupe
