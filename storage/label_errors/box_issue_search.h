#pragma once
// Likely box errors of one labeler: its boxes held against a detector's stored predictions (a
// `model` labeler: a trained detector's val/test outputs, or imported ones), image by image.

#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "core/label_errors/box_issues.h"
#include "storage/project.h"

namespace loupe::storage {

struct BoxIssueRequest {
  std::string labeler;  // whose boxes are checked (empty: the reference, else the consensus)
  std::string model;    // the labeler holding the detector's boxes (a model's name)
  label_errors::BoxIssueOptions options;
};

struct FoundBoxIssue {
  std::string kind;                   // label_errors::toString(BoxIssueKind)
  std::optional<Box> given;           // the labeler's box (absent for missed)
  std::string givenClass;
  std::optional<Box> predicted;       // the model's box (absent for spurious)
  std::string predictedClass;
  double predictedScore = 0.0;
  double iou = 0.0;
  double score = 0.0;
};

struct FoundBoxImage {
  Id itemId = 0;
  std::string item;
  double score = 0.0;  // 1 - prod(1 - issue scores)
  std::vector<FoundBoxIssue> issues;  // highest score first
};

struct BoxIssueOutcome {
  std::string labeler, model;
  int images = 0;                     // images both the labeler and the model labelled
  std::vector<FoundBoxImage> flagged;  // images with at least one issue, worst first
};

// Throws std::invalid_argument for unknown labelers, a labeler without boxes, or a model
// labeler with no predictions on the labeler's images. Reads only.
BoxIssueOutcome findBoxIssues(const storage::Project& project, const BoxIssueRequest& request);

}  // namespace loupe::storage
