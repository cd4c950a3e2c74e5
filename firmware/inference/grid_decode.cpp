#include "firmware/inference/grid_decode.h"

namespace loupe::inference {

bool isGridOutput(const loupe::runtime::TensorShape& out) {
  const long cells = static_cast<long>(out.h) * out.w;
  return out.h > 0 && out.w > 0 && out.h <= 255 && out.w <= 255 && cells > 1 &&
         cells <= static_cast<long>(kMaxGridCells) && out.c >= 2 && out.c <= 256;
}

int backgroundCeiling(float threshold, float scale, std::int32_t zeroPoint) {
  // The float decoder's test, 1 - (q - zp) * scale >= threshold, on every background score.
  for (int q = 127; q >= -128; --q)
    if (1.0f - static_cast<float>(q - zeroPoint) * scale >= threshold) return q;
  return -129;
}

namespace {

// Keeps the list ordered by descending score; a newcomer goes after equal scores (it was found
// later in row-major order). Beyond the capacity the lowest falls off.
void insert(Detections& out, const GridDetection& d) {
  ++out.found;
  std::size_t at = out.count;
  while (at > 0 && out.d[at - 1].score < d.score) --at;
  if (at >= kMaxDetections) return;
  std::size_t last = out.count < kMaxDetections ? out.count : kMaxDetections - 1;
  for (std::size_t i = last; i > at; --i) out.d[i] = out.d[i - 1];
  out.d[at] = d;
  if (out.count < kMaxDetections) ++out.count;
}

}  // namespace

bool GridDecoder::decode(const std::int8_t* q, const loupe::runtime::TensorShape& grid, int backgroundMax,
                         Detections& out) {
  out.count = 0;
  out.found = 0;
  if (!isGridOutput(grid)) return false;
  out.gridW = static_cast<std::uint8_t>(grid.w);
  out.gridH = static_cast<std::uint8_t>(grid.h);
  const int cells = grid.h * grid.w;
  // One in real terms, in steps of the scale: a cell's objectness is (one - (q_bg - zp)) steps.
  // Bounded before the conversion: a model's scale of 0 or NaN must not make it undefined.
  const float inverse = 1.0f / out.scale;
  const std::int32_t one = inverse >= 0.0f && inverse < 1.0e6f ? static_cast<std::int32_t>(inverse + 0.5f)
                                                                : (inverse >= 1.0e6f ? 1000000 : 0);
  for (int i = 0; i < cells; ++i) {
    const std::int8_t* p = q + i * grid.c;
    int best = 1;
    for (int k = 2; k < grid.c; ++k)
      if (p[k] > p[best]) best = k;
    cls_[i] = p[0] <= backgroundMax ? static_cast<std::int16_t>(best - 1) : -1;
  }
  for (int start = 0; start < cells; ++start) {
    if (cls_[start] < 0) continue;
    const std::int16_t c = cls_[start];
    GridDetection d;
    d.cls = static_cast<std::uint8_t>(c);
    d.col0 = d.row0 = 255;
    std::uint64_t weight = 0, wx = 0, wy = 0;  // sums of the objectness steps, and of them x (2k + 1)
    std::int32_t bestSteps = -1;
    std::size_t top = 0;
    stack_[top++] = static_cast<std::uint16_t>(start);
    cls_[start] = -2;  // visited
    while (top > 0) {
      const int i = stack_[--top];
      const int row = i / grid.w, col = i % grid.w;
      const std::int32_t steps = one - (q[i * grid.c] - out.zeroPoint);
      if (steps > bestSteps) bestSteps = steps;
      ++d.cells;
      const std::uint64_t w = steps > 0 ? static_cast<std::uint64_t>(steps) : 0;
      weight += w;
      wx += w * static_cast<std::uint64_t>(2 * col + 1);
      wy += w * static_cast<std::uint64_t>(2 * row + 1);
      if (row < d.row0) d.row0 = static_cast<std::uint8_t>(row);
      if (row > d.row1) d.row1 = static_cast<std::uint8_t>(row);
      if (col < d.col0) d.col0 = static_cast<std::uint8_t>(col);
      if (col > d.col1) d.col1 = static_cast<std::uint8_t>(col);
      const int next[4][2] = {{row - 1, col}, {row + 1, col}, {row, col - 1}, {row, col + 1}};
      for (const auto& n : next) {
        if (n[0] < 0 || n[1] < 0 || n[0] >= grid.h || n[1] >= grid.w) continue;
        const int j = n[0] * grid.w + n[1];
        if (cls_[j] != c) continue;
        cls_[j] = -2;
        stack_[top++] = static_cast<std::uint16_t>(j);
      }
    }
    // The objectness in the output's own quantization; 1.0 itself (background exactly 0) is one
    // step past int8's range and reads as 1 - scale.
    const std::int32_t score = out.zeroPoint + bestSteps;
    d.score = static_cast<std::int8_t>(score > 127 ? 127 : score < -128 ? -128 : score);
    if (weight == 0) {  // every score at the zero point: the plain mean of the cells' centres
      d.cx256 = static_cast<std::uint16_t>((d.col0 + d.col1 + 1) * 128);
      d.cy256 = static_cast<std::uint16_t>((d.row0 + d.row1 + 1) * 128);
    } else {
      // (2k + 1) / 2 is the cell centre; x 256 -> x 128, rounded to nearest.
      d.cx256 = static_cast<std::uint16_t>((wx * 128 + weight / 2) / weight);
      d.cy256 = static_cast<std::uint16_t>((wy * 128 + weight / 2) / weight);
    }
    insert(out, d);
  }
  return true;
}

}  // namespace loupe::inference
