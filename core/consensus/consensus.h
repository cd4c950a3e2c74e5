#pragma once
// Consensus from many labelers: the ratings to combine and what a method estimates from them.
// Items, labelers and classes are dense indices 0..n-1; callers keep the mapping to their ids.

#include <optional>
#include <vector>

namespace loupe::consensus {

// One label a labeler gave an item. A labeler may rate an item more than once (Dawid & Skene's
// observer 1 rated every patient three times); every rating counts.
struct Rating {
  int item = 0;
  int labeler = 0;
  int label = 0;
};

struct ConsensusInput {
  int items = 0;
  int labelers = 0;
  int classes = 0;
  std::vector<Rating> ratings;
};

using ConfusionMatrix = std::vector<std::vector<double>>;  // [true class][given class]

struct ConsensusResult {
  std::vector<int> label;                      // per item: the consensus class, -1 when unrated
  std::vector<std::vector<double>> posterior;  // per item, per class, sums to 1; empty when unrated
  std::vector<double> prior;                   // per class: estimated share of the rated items
  // Per labeler: P(labeler gives `given` | the item is `true`); every row sums to 1 (a row the
  // data says nothing about is uniform).
  std::vector<ConfusionMatrix> confusion;
  // Per labeler: the probability that its label is the consensus/true class; empty for a labeler
  // without ratings (undefined, not 0).
  std::vector<std::optional<double>> accuracy;
  int iterations = 0;
  bool converged = true;
  // Dawid-Skene: log-likelihood of the ratings under the final estimates. Majority vote: none.
  std::optional<double> logLikelihood;
};

// Throws std::invalid_argument for negative counts, no classes, or the first rating whose item,
// labeler or label is out of range, naming the rating's index and values.
void validate(const ConsensusInput& input);

// The consensus label of a posterior row: the most probable class, the lowest index on a tie
// (so the result never depends on anything but the input). -1 for an empty row.
int mostProbable(const std::vector<double>& posterior);

}  // namespace loupe::consensus
