#pragma once
// Shared validation of a box against its image, so every reader rejects the same things.

#include <string>

#include "core/domain/errors.h"
#include "core/domain/types.h"

namespace loupe {

// Other tools round box corners, so a box may overshoot the image by less than this many pixels;
// anything further out is an error rather than silently clipped.
inline constexpr double kEdgeTolerancePx = 0.5;

// What is wrong with the box (a negative size, outside the image), or "" when nothing is; the
// message requireBoxInsideImage throws. Lets bulk callers build an InputLocation only on failure.
std::string boxProblem(const Box& box, int width, int height);

// Throws InputError at `where` for a negative size or a box outside a width x height image.
// A zero width/height (image size unknown) only checks the size and the top-left corner.
void requireBoxInsideImage(const Box& box, int width, int height, const InputLocation& where);

}  // namespace loupe
