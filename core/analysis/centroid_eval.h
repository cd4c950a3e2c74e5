#pragma once
// The centroid metric, for detectors that find object centres rather than tight boxes (a
// centroid grid network's merged cells give a good centre and only a rough box, so IoU-based mAP
// punishes it for something it never claimed). A prediction is a true positive when its centroid
// lies inside a reference box of the same class that no better-scored prediction has taken:
// one-to-one, predictions in descending score. See docs/metrics.md, "Centroid metric".
//
// Rules that make every count reproducible:
// - inside means the closed box: x <= cx <= x + w and y <= cy <= y + h (a centroid on the edge counts);
// - equal scores keep the order the predictions are given in (storage gives annotation id order);
// - a centroid inside several unmatched same-class boxes takes the one whose centre is nearest
//   (Euclidean), then the one given first (lowest annotation id);
// - a prediction whose centroid lies in no box of its class is a false positive of its class
//   (a centroid in a box of another class is a wrong class: a false positive, and that box stays a
//   miss unless a prediction of its own class takes it);
// - crowd reference boxes are never missed, and a prediction left unmatched whose centroid lies in a
//   crowd box of its class is not counted at all (COCO's iscrowd);
// - predictions scoring below scoreThreshold are left out (humans' boxes carry score 1);
// - ratios with an empty denominator are 0, as in the confusion report.

#include <cstdint>
#include <string>
#include <vector>

#include "core/analysis/eval_table.h"

namespace loupe::analysis {

struct CentroidOptions {
  double scoreThreshold = 0.5;  // as DetectionMatchOptions: the slice table's and confusion's default
};

struct CentroidCounts {
  std::int64_t tp = 0, fp = 0, fn = 0;
  CentroidCounts& operator+=(const CentroidCounts& o);
};

struct CentroidScores {
  double precision = 0, recall = 0, f1 = 0;
  CentroidCounts counts;
  std::int64_t support = 0;  // non-crowd reference boxes = tp + fn
};

struct CentroidClassScores {
  std::string name;
  CentroidScores scores;
};

struct CentroidSummary {
  CentroidScores overall;  // micro: counts summed over classes
  std::vector<CentroidClassScores> perClass;  // every class, in class order
};

CentroidScores centroidScores(const CentroidCounts& counts);

// One image: adds its counts to perClass[cls] (sized to the number of classes).
void addImageCentroidCounts(const std::vector<ScoredBox>& reference, const std::vector<ScoredBox>& predicted,
                            const CentroidOptions& options, std::vector<CentroidCounts>& perClass);

// Images as pairs (reference[i], predicted[i]); a missing predicted entry is an image with none.
CentroidSummary centroidEvaluate(const std::vector<std::string>& classes,
                                 const std::vector<std::vector<ScoredBox>>& reference,
                                 const std::vector<std::vector<ScoredBox>>& predicted,
                                 const CentroidOptions& options = {});

// Every class as one: does the detector find the objects at all, whatever it calls them. A
// centroid in a box of another class is a hit here.
CentroidScores centroidEvaluateClassAgnostic(const std::vector<std::vector<ScoredBox>>& reference,
                                             const std::vector<std::vector<ScoredBox>>& predicted,
                                             const CentroidOptions& options = {});

}  // namespace loupe::analysis
