#pragma once
// Likely label errors of one labeler's image labels: the use case behind `loupe label-issues`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "core/label_errors/label_issues.h"
#include "core/nn/trainer.h"
#include "storage/project.h"

namespace loupe::storage {

struct LabelIssueRequest {
  std::string labeler;  // empty: the reference labeler, else the consensus labeler
  // Non-empty: the probabilities of this stored model instead of cross-training. Items the model
  // trained on then look more right than they are: say so to the user.
  std::string model;
  int folds = 5;
  std::optional<Split> split;  // only this split's items (default: every split)
  std::string arch;  // empty: the default classifier for the items' image size
  // The recipe of each fold's model. No validation split is held out (patience is ignored):
  // every labelled item is needed either for training or as the held-out fold.
  nn::TrainOptions options;
  label_errors::Ranking ranking = label_errors::Ranking::SelfConfidence;
};

struct FoundLabelIssue {
  Id itemId = 0;
  std::string item;
  std::string given, suggested;  // class names
  double score = 0.0;            // higher: more likely wrong (label_errors::LabelIssue)
};

struct LabelIssueOutcome {
  std::string labeler;
  std::string source;  // "cross_validation" or "model"
  std::string model;   // with source "model"
  std::string arch;    // the cross-trained architecture
  int folds = 0;       // 0 with a stored model
  int items = 0;       // labelled items with media that were scored
  std::vector<std::string> classes;
  label_errors::ConfidentJoint joint;
  std::vector<FoundLabelIssue> issues;  // most likely first
  std::vector<Id> itemIds;              // scored items, parallel to `labels` and `probabilities`
  std::vector<int> labels;
  std::vector<float> probabilities;     // items x classes, out of fold with cross-validation
  double meanEpochSeconds = 0.0;
};

// Throws std::invalid_argument for an unknown labeler or model, fewer labelled items than
// folds, a labeler without image labels; loupe::Cancelled when cancelled. Reads only.
LabelIssueOutcome findLabelIssues(const storage::Project& project, const LabelIssueRequest& request,
                                  const Progress& progress = {});

}  // namespace loupe::storage
