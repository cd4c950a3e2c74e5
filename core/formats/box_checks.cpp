#include "core/formats/box_checks.h"

#include <cmath>

#include "core/formats/text_fields.h"

namespace loupe {

std::optional<BoxFault> boxFault(const Box& b, int width, int height) {
  using Part = BoxFault::Part;
  const double v[4] = {b.x, b.y, b.w, b.h};
  static const char* const kNames[4] = {"x", "y", "width", "height"};
  for (int k = 0; k < 4; ++k) {
    const auto part = static_cast<Part>(k);
    if (!std::isfinite(v[k]))
      return BoxFault{part, std::string("box ") + kNames[k] + " must be finite, not " + formatDouble(v[k])};
    if (std::abs(v[k]) > kMaxBoxCoordinate)
      return BoxFault{part, std::string("box ") + kNames[k] + " " + formatDouble(v[k]) + " is out of range (limit ±" +
                                formatDouble(kMaxBoxCoordinate) + ")"};
  }
  if (b.w < 0 || b.h < 0)
    return BoxFault{b.w < 0 ? Part::Width : Part::Height,
                    "negative box size " + formatDouble(b.w) + " x " + formatDouble(b.h)};
  std::optional<Part> outside;
  if (b.x < -kEdgeTolerancePx)
    outside = Part::X;
  else if (b.y < -kEdgeTolerancePx)
    outside = Part::Y;
  else if (width > 0 && b.x + b.w > width + kEdgeTolerancePx)
    outside = Part::Width;
  else if (height > 0 && b.y + b.h > height + kEdgeTolerancePx)
    outside = Part::Height;
  if (!outside) return std::nullopt;
  std::string message = "box outside the image: [x=" + formatDouble(b.x) + ", y=" + formatDouble(b.y) +
                        ", w=" + formatDouble(b.w) + ", h=" + formatDouble(b.h) + "]";
  if (width > 0 || height > 0) message += " in a " + std::to_string(width) + "x" + std::to_string(height) + " image";
  return BoxFault{*outside, std::move(message)};
}

std::string boxProblem(const Box& b, int width, int height) {
  auto fault = boxFault(b, width, height);
  return fault ? std::move(fault->message) : std::string();
}

void requireBoxInsideImage(const Box& b, int width, int height, const InputLocation& where) {
  if (std::string problem = boxProblem(b, width, height); !problem.empty()) throw InputError(where, problem);
}

std::string scoreProblem(double score) {
  if (std::isfinite(score) && score >= 0 && score <= 1) return {};
  return "score " + formatDouble(score) + " is not in [0, 1]";
}

void requireValidScore(double score, const InputLocation& where) {
  if (std::string problem = scoreProblem(score); !problem.empty()) throw InputError(where, problem);
}

}  // namespace loupe
