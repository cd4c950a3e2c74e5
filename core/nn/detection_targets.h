#pragma once
// The training target of a centroid grid detector (FOMO's idea): the output is an H x W grid of
// cells, channel 0 is background and channel k + 1 is class k. The cell that holds a box's
// centre gets the box's class, every other cell is background.

#include <vector>

#include "core/domain/types.h"
#include "core/nn/network_spec.h"

namespace loupe::nn {

// A box in network-input pixels (x, y = top-left) with its class index (0-based, no background).
struct ClassBox {
  int cls = 0;
  Box box;
  friend bool operator==(const ClassBox&, const ClassBox&) = default;
};

constexpr int kBackgroundChannel = 0;

// Writes grid.h * grid.w labels (row-major): 0 = background, cls + 1 at the cell containing the
// box centre. The centre (x + w/2, y + h/2) falls in cell (floor(cy * grid.h / input.h),
// floor(cx * grid.w / input.w)), clamped to the grid. When two centres share a cell the first box
// keeps it (a cell has one class). Boxes whose centre lies outside the input are skipped.
void cellTargets(const std::vector<ClassBox>& boxes, const Shape& input, const Shape& grid, int* labels);

// Per-class loss weights for a detector with `classes` object classes: background 1, every object
// class `objectWeight`. Background cells outnumber object cells by ~100:1 on a 12 x 12 grid
// with one or two objects, so unweighted training learns "all background".
std::vector<float> detectionClassWeights(int classes, float objectWeight);

}  // namespace loupe::nn
