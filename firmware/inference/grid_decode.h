#pragma once
// Detections from a centroid grid detector's int8 output, in integer arithmetic, so the board and
// the host (`loupe device infer`, the device panel) get the very same list from the same tensor.
// The rules are core/nn/detection_decode's, on quantized scores: per cell the most probable
// object channel (ties: the lower); an object cell when its objectness, 1 minus the background
// (channel 0) probability, is at least the threshold, i.e. when the background score is at most
// backgroundCeiling(threshold); object cells of one class that touch 4-adjacently merge. A
// detection keeps the largest cell objectness, the cells' extent, and the centroid weighted by
// each cell's objectness, in grid units x 256. No heap: the work buffers live in the decoder,
// sized for kMaxGridCells.

#include <cstddef>
#include <cstdint>

#include "firmware/runtime/tensor_shape.h"

namespace loupe::inference {

#ifndef LOUPE_FW_MAX_GRID_CELLS
#define LOUPE_FW_MAX_GRID_CELLS 1024
#endif
#ifndef LOUPE_FW_MAX_DETECTIONS
#define LOUPE_FW_MAX_DETECTIONS 32
#endif

inline constexpr std::size_t kMaxGridCells = LOUPE_FW_MAX_GRID_CELLS;
inline constexpr std::size_t kMaxDetections = LOUPE_FW_MAX_DETECTIONS;

struct GridDetection {
  std::uint8_t cls = 0;      // 0-based object class (background excluded)
  std::int8_t score = 0;     // the best cell's objectness in the output's quantization (at most 1 - scale)
  std::uint8_t col0 = 0, row0 = 0, col1 = 0, row1 = 0;  // inclusive cell extent
  std::uint16_t cx256 = 0, cy256 = 0;  // centroid in grid units x 256 (cell centres at k + 0.5)
  std::uint16_t cells = 0;             // merged cells
  // Spelled out, not defaulted: the board's toolchain may stop at C++17.
  friend bool operator==(const GridDetection& a, const GridDetection& b) {
    return a.cls == b.cls && a.score == b.score && a.col0 == b.col0 && a.row0 == b.row0 && a.col1 == b.col1 &&
           a.row1 == b.row1 && a.cx256 == b.cx256 && a.cy256 == b.cy256 && a.cells == b.cells;
  }
};

struct Detections {
  GridDetection d[kMaxDetections] = {};
  std::uint8_t count = 0;      // the best kMaxDetections when more were found
  std::uint16_t found = 0;     // detections before that cut
  std::uint8_t gridW = 0, gridH = 0;
  float scale = 0;             // real score = (q - zeroPoint) * scale
  std::int32_t zeroPoint = 0;
};

// A grid detector's output: more than one cell, at most kMaxGridCells of at most 255 columns and
// rows, and at least one object channel next to the background.
bool isGridOutput(const loupe::runtime::TensorShape& out);

// The largest int8 background score whose cell still has an objectness of at least
// `threshold` (the float decoder's 1 - p_bg >= threshold, computed the same way); -129 (no cell
// passes) when even -128 is too high.
int backgroundCeiling(float threshold, float scale, std::int32_t zeroPoint);

class GridDecoder {
 public:
  // q: grid.h * grid.w * grid.c int8 scores (HWC), quantized with out.scale and out.zeroPoint
  // (set by the caller; objectness needs both). backgroundMax: backgroundCeiling(threshold).
  // Fills out's list, grid size and counts. Ordered by descending score, ties by first cell in
  // row-major order. False when the shape is not a grid output.
  bool decode(const std::int8_t* q, const loupe::runtime::TensorShape& grid, int backgroundMax, Detections& out);

 private:
  std::int16_t cls_[kMaxGridCells] = {};    // object class per cell; -1 none
  std::uint16_t stack_[kMaxGridCells] = {};
};

}  // namespace loupe::inference
