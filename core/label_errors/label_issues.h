#pragma once
// Which items to flag and in what order. Confident learning flags, for each off-diagonal cell
// (given i, true j) of the calibrated confident joint, that many items given i with the largest
// margin p(j|x) - p(i|x) ("prune by noise rate", Northcutt et al. section 3.2), so the flagged
// set has the size of the estimated number of errors; the flagged items are then ranked.

#include <cstdint>
#include <string_view>
#include <optional>
#include <vector>

#include "core/label_errors/confident_joint.h"

namespace loupe::label_errors {

// How likely-error items are ordered. Self-confidence ranks by p(given|x), lowest first; the
// normalized margin by p(given|x) - max_{j != given} p(j|x), lowest first.
enum class Ranking { SelfConfidence, NormalizedMargin };
std::string_view toString(Ranking);
std::optional<Ranking> rankingFromString(std::string_view);

struct LabelIssue {
  int index = 0;      // into the labels / probability rows
  int given = 0;
  int suggested = 0;  // the most probable class other than the given one
  // How likely the given label is wrong, in [0, 1], higher first: 1 - p(given|x) for
  // self-confidence, (1 + max_{j != given} p(j|x) - p(given|x)) / 2 for the normalized margin.
  double score = 0.0;
};

struct LabelIssues {
  ConfidentJoint joint;
  std::vector<LabelIssue> issues;  // most likely first; ties by index
};

// Confident learning with pruning by noise rate. Throws like confidentJoint.
LabelIssues findLabelIssues(const std::vector<int>& labels, const std::vector<float>& probs, int classes,
                            Ranking ranking);

// The baseline confident learning is measured against: every item whose most probable class is
// not its given label, ranked the same way.
std::vector<LabelIssue> disagreements(const std::vector<int>& labels, const std::vector<float>& probs, int classes,
                                      Ranking ranking);

// The score of one item's given label under `ranking` (higher: more likely wrong).
double errorScore(const float* probs, int classes, int given, Ranking ranking);

}  // namespace loupe::label_errors
