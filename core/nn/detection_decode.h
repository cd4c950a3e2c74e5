#pragma once
// From a centroid grid detector's output to detections. Per cell: the argmax channel and its
// probability; a cell is an object cell when that channel is not background and the probability
// is at least the threshold. Object cells of the same class that touch 4-adjacently merge into
// one detection: score = the largest cell probability, centroid = the score-weighted mean of the
// cell centres, box = the extent of the merged cells. Coordinates are scaled from the network
// input to the original image (the input was a stretch of it).

#include <vector>

#include "core/domain/types.h"
#include "core/nn/network_spec.h"

namespace loupe::nn {

struct Detection {
  int cls = 0;          // 0-based object class (background excluded)
  float score = 0.0f;
  double cx = 0, cy = 0;  // centroid, image pixels
  Box box;                // image pixels
  int cells = 0;          // merged cells
};

constexpr float kDefaultDetectionThreshold = 0.5f;

// probs: grid.h * grid.w * grid.c values (HWC, channel 0 background) of one image. input is the
// network input the grid covers; imageWidth/imageHeight the original size (<= 0: the input's).
// Detections are ordered by descending score, ties by their first cell in row-major order.
std::vector<Detection> decodeDetections(const float* probs, const Shape& grid, const Shape& input, int imageWidth,
                                        int imageHeight, float threshold = kDefaultDetectionThreshold);

}  // namespace loupe::nn
