#pragma once
// Likely box errors of one image: a labeler's boxes held against a detector's predictions.
// Predictions and boxes are paired one-to-one (Hungarian on IoU; a prediction whose centre lies
// inside a box may pair with it at any IoU, because a centroid detector's boxes are only rough).
//   missed      a confident prediction with no box: the labeler probably missed an object
//   misplaced   a pair of the same class whose IoU is below `placementIou`
//   wrong_class a pair whose classes differ
//   spurious    a box no prediction pairs with: nothing may be there
// Each issue has a score in [0, 1]; an image's score is 1 - prod(1 - s), the chance that at
// least one of its issues is real if the scores were independent probabilities.

#include <string_view>
#include <vector>

#include "core/analysis/eval_table.h"

namespace loupe::label_errors {

enum class BoxIssueKind { Missed, Misplaced, WrongClass, Spurious };
std::string_view toString(BoxIssueKind);

struct BoxIssueOptions {
  double minScore = 0.5;      // predictions below it are not confident enough to claim a miss
  double placementIou = 0.5;  // a same-class pair below it is misplaced
  double pairIou = 0.1;       // the least IoU that pairs a prediction with a box (or its centre inside)
};

struct BoxIssue {
  BoxIssueKind kind = BoxIssueKind::Missed;
  int given = -1;      // the labeler's box (index into its boxes), -1 for missed
  int predicted = -1;  // the prediction (index), -1 for spurious
  double iou = 0.0;
  // missed / wrong_class: the prediction's score; misplaced: score x (1 - IoU); spurious:
  // 1 - the best score among all predictions (any score) overlapping it.
  double score = 0.0;
};

struct ImageBoxIssues {
  std::vector<BoxIssue> issues;  // highest score first
  double score = 0.0;
};

// Throws std::invalid_argument for options outside [0, 1].
ImageBoxIssues findBoxIssues(const std::vector<analysis::ScoredBox>& given,
                             const std::vector<analysis::ScoredBox>& predicted, const BoxIssueOptions& options = {});

}  // namespace loupe::label_errors
