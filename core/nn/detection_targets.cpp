#include "core/nn/detection_targets.h"

#include <algorithm>
#include <cmath>

namespace loupe::nn {

void cellTargets(const std::vector<ClassBox>& boxes, const Shape& input, const Shape& grid, int* labels) {
  const int cells = grid.h * grid.w;
  std::fill(labels, labels + cells, kBackgroundChannel);
  std::vector<bool> taken(static_cast<std::size_t>(cells), false);
  for (const auto& b : boxes) {
    const double cx = b.box.x + b.box.w / 2, cy = b.box.y + b.box.h / 2;
    if (cx < 0 || cy < 0 || cx >= input.w || cy >= input.h) continue;
    const int col = std::clamp(static_cast<int>(std::floor(cx * grid.w / input.w)), 0, grid.w - 1);
    const int row = std::clamp(static_cast<int>(std::floor(cy * grid.h / input.h)), 0, grid.h - 1);
    const auto cell = static_cast<std::size_t>(row * grid.w + col);
    if (taken[cell]) continue;
    taken[cell] = true;
    labels[cell] = b.cls + 1;
  }
}

std::vector<float> detectionClassWeights(int classes, float objectWeight) {
  std::vector<float> weights(static_cast<std::size_t>(classes + 1), objectWeight);
  weights[kBackgroundChannel] = 1.0f;
  return weights;
}

}  // namespace loupe::nn
