#pragma once
// Shared validation of boxes, scores and areas, so every reader (and storage) rejects the same
// things.

#include <optional>
#include <string>

#include "core/domain/errors.h"
#include "core/domain/types.h"

namespace loupe {

// Other tools round box corners, so a box may overshoot the image by less than this many pixels;
// anything further out is an error rather than silently clipped.
inline constexpr double kEdgeTolerancePx = 0.5;

// No coordinate or size may exceed this in magnitude, even when the image size is unknown: far
// beyond any real image (the largest accepted is 32767 px a side), and small enough that every
// later computation (areas, IoU, rounding to 1e-3 px for de-duplication) stays exact and finite.
inline constexpr double kMaxBoxCoordinate = 1e6;

// The one box rule every writer applies: the format readers, import, and storage's annotation
// writers (so a box drawn in the GUI is held to what import would accept).
// What is wrong with the box (not finite, beyond kMaxBoxCoordinate, a negative size, outside the
// image), and which of its numbers is at fault, so a reader can name its own column.
// A zero width/height (image size unknown) only checks the numbers and the top-left corner.
struct BoxFault {
  enum class Part { X, Y, Width, Height } part;
  std::string message;
};
std::optional<BoxFault> boxFault(const Box& box, int width, int height);

// boxFault's message, or "" when nothing is wrong; the message requireBoxInsideImage throws.
// Lets bulk callers build an InputLocation only on failure.
std::string boxProblem(const Box& box, int width, int height);

// Throws InputError at `where` when boxProblem finds something.
void requireBoxInsideImage(const Box& box, int width, int height, const InputLocation& where);

// Scores are probabilities: finite and in [0, 1]. "" when `score` is fine.
std::string scoreProblem(double score);
void requireValidScore(double score, const InputLocation& where);

}  // namespace loupe
