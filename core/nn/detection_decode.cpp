#include "core/nn/detection_decode.h"

#include <algorithm>
#include <array>

#include "core/nn/detection_targets.h"

namespace loupe::nn {

std::vector<Detection> decodeDetections(const float* probs, const Shape& grid, const Shape& input, int imageWidth,
                                        int imageHeight, float threshold) {
  const int cells = grid.h * grid.w;
  std::vector<int> cls(static_cast<std::size_t>(cells), -1);  // object class per cell, -1 = none
  std::vector<float> score(static_cast<std::size_t>(cells), 0.0f);
  for (int i = 0; i < cells; ++i) {
    const float* p = probs + static_cast<std::size_t>(i) * grid.c;
    const float objectness = 1.0f - p[kBackgroundChannel];
    if (objectness < threshold) continue;
    const int best = static_cast<int>(std::max_element(p + 1, p + grid.c) - p);  // ties: the lower class
    cls[static_cast<std::size_t>(i)] = best - 1;
    score[static_cast<std::size_t>(i)] = objectness;
  }
  const double cellW = double(input.w) / grid.w, cellH = double(input.h) / grid.h;
  const double sx = (imageWidth > 0 ? imageWidth : input.w) / double(input.w);
  const double sy = (imageHeight > 0 ? imageHeight : input.h) / double(input.h);
  std::vector<bool> seen(static_cast<std::size_t>(cells), false);
  std::vector<Detection> out;
  std::vector<int> stack;
  for (int start = 0; start < cells; ++start) {
    if (cls[static_cast<std::size_t>(start)] < 0 || seen[static_cast<std::size_t>(start)]) continue;
    const int c = cls[static_cast<std::size_t>(start)];
    Detection d{.cls = c};
    int rowMin = grid.h, rowMax = -1, colMin = grid.w, colMax = -1;
    double weight = 0, wx = 0, wy = 0;
    stack.assign(1, start);
    seen[static_cast<std::size_t>(start)] = true;
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      const int row = i / grid.w, col = i % grid.w;
      const float s = score[static_cast<std::size_t>(i)];
      d.score = std::max(d.score, s);
      ++d.cells;
      weight += s;
      wx += s * (col + 0.5) * cellW;
      wy += s * (row + 0.5) * cellH;
      rowMin = std::min(rowMin, row), rowMax = std::max(rowMax, row);
      colMin = std::min(colMin, col), colMax = std::max(colMax, col);
      const std::array<std::pair<int, int>, 4> next{{{row - 1, col}, {row + 1, col}, {row, col - 1}, {row, col + 1}}};
      for (auto [r, k] : next) {
        if (r < 0 || k < 0 || r >= grid.h || k >= grid.w) continue;
        const auto j = static_cast<std::size_t>(r * grid.w + k);
        if (seen[j] || cls[j] != c) continue;
        seen[j] = true;
        stack.push_back(static_cast<int>(j));
      }
    }
    d.cx = wx / weight * sx;
    d.cy = wy / weight * sy;
    d.box = {colMin * cellW * sx, rowMin * cellH * sy, (colMax - colMin + 1) * cellW * sx,
             (rowMax - rowMin + 1) * cellH * sy};
    out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const Detection& a, const Detection& b) { return a.score > b.score; });
  return out;
}

}  // namespace loupe::nn
