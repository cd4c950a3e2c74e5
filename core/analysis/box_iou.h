#pragma once
// Intersection over union of two axis-aligned boxes, as COCO computes it: for a crowd ground
// truth the union is the detection's own area, so a detection inside a crowd region scores 1.

#include "core/domain/types.h"

namespace loupe::analysis {

double boxArea(const Box& b);
double iou(const Box& detection, const Box& groundTruth, bool groundTruthIsCrowd = false);

}  // namespace loupe::analysis
