#pragma once
// COCO-style box evaluation, following pycocotools' COCOeval (iouType "bbox") step for step so
// the numbers agree with it: IoU thresholds 0.50:0.05:0.95, 101 recall points, maxDets 1/10/100,
// area ranges small [0, 32²], medium [32², 96²], large [96², 1e10] on box area (bounds
// inclusive, as pycocotools has them), greedy matching per image and class by descending score,
// crowd boxes and boxes outside the area range ignored, and a class with no (non-ignored) ground
// truth left out of every mean. Values that pycocotools reports as -1 (nothing to average) are
// -1 here too.

#include <string>
#include <vector>

#include "core/analysis/eval_table.h"

namespace loupe::analysis {

struct CocoImage {
  std::vector<ScoredBox> groundTruth;
  std::vector<ScoredBox> detections;
};

struct CocoClassResult {
  std::string name;
  double ap = -1;      // IoU 0.50:0.95, all areas, 100 detections
  double ap50 = -1;
  double ap75 = -1;
  double ar100 = -1;
};

struct CocoSummary {
  double map = -1, map50 = -1, map75 = -1;
  double mapSmall = -1, mapMedium = -1, mapLarge = -1;
  double mar1 = -1, mar10 = -1, mar100 = -1;
  std::vector<CocoClassResult> perClass;
};

// Images in a fixed order (the order breaks score ties, as image ids do in pycocotools).
CocoSummary cocoEvaluate(const std::vector<std::string>& classes, const std::vector<CocoImage>& images);

}  // namespace loupe::analysis
