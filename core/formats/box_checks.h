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

// What is wrong with the box (not finite, beyond kMaxBoxCoordinate, a negative size, outside the
// image), or "" when nothing is; the message requireBoxInsideImage throws. Lets bulk callers
// build an InputLocation only on failure.
std::string boxProblem(const Box& box, int width, int height);

// Throws InputError at `where` when boxProblem finds something.
// A zero width/height (image size unknown) only checks the size and the top-left corner.
void requireBoxInsideImage(const Box& box, int width, int height, const InputLocation& where);

// Scores are probabilities: finite and in [0, 1]. "" when `score` is fine.
std::string scoreProblem(double score);
void requireValidScore(double score, const InputLocation& where);

}  // namespace loupe
