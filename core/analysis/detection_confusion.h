#pragma once
// Detection confusion matrix: classes plus a final "background" row and column. A reference
// box no prediction matches lands in (class, background); a prediction matching no reference
// box lands in (background, class). Matching at an IoU threshold (0.5 by default), predictions
// in descending score, each taking the unmatched reference box of the same class with the
// highest IoU, or failing that the unmatched box of any class with the highest IoU (a
// mislabelled box). Crowd regions are never counted: predictions inside them are dropped.

#include <vector>

#include "core/analysis/classification_report.h"
#include "core/analysis/eval_table.h"

namespace loupe::analysis {

struct DetectionMatchOptions {
  double iouThreshold = 0.5;
  double scoreThreshold = 0.5;  // predictions scoring below are not shown to the matrix
};

inline constexpr const char* kBackground = "background";

// Adds one image's matches to `m` (sized classes + 1, background last).
void addImageToDetectionConfusion(const std::vector<ScoredBox>& reference,
                                  const std::vector<ScoredBox>& predicted,
                                  const DetectionMatchOptions& options, ConfusionMatrix& m);

ConfusionMatrix detectionConfusion(const std::vector<std::string>& classes,
                                   const std::vector<std::vector<ScoredBox>>& reference,
                                   const std::vector<std::vector<ScoredBox>>& predicted,
                                   const DetectionMatchOptions& options = {});

}  // namespace loupe::analysis
