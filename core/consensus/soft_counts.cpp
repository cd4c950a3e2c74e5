#include "core/consensus/soft_counts.h"

namespace loupe::consensus {

std::vector<ConfusionMatrix> confusionCounts(const ConsensusInput& input, const ItemWeights& weights) {
  const auto k = static_cast<std::size_t>(input.classes);
  std::vector<ConfusionMatrix> counts(static_cast<std::size_t>(input.labelers), ConfusionMatrix(k, std::vector<double>(k, 0.0)));
  for (const Rating& r : input.ratings) {
    const auto& w = weights[static_cast<std::size_t>(r.item)];
    auto& m = counts[static_cast<std::size_t>(r.labeler)];
    for (std::size_t t = 0; t < w.size(); ++t) m[t][static_cast<std::size_t>(r.label)] += w[t];
  }
  return counts;
}

ConfusionMatrix normalisedRows(ConfusionMatrix counts, double pseudoCount) {
  for (auto& row : counts) {
    double total = 0;
    for (double& c : row) total += (c += pseudoCount);
    for (double& c : row) c = total > 0 ? c / total : 1.0 / static_cast<double>(row.size());
  }
  return counts;
}

std::vector<int> ratingsPerLabeler(const ConsensusInput& input) {
  std::vector<int> n(static_cast<std::size_t>(input.labelers), 0);
  for (const Rating& r : input.ratings) ++n[static_cast<std::size_t>(r.labeler)];
  return n;
}

ItemWeights oneHot(const std::vector<int>& labels, int classes) {
  ItemWeights w(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0) continue;
    w[i].assign(static_cast<std::size_t>(classes), 0.0);
    w[i][static_cast<std::size_t>(labels[i])] = 1.0;
  }
  return w;
}

}  // namespace loupe::consensus
