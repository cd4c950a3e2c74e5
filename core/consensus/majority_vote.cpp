#include "core/consensus/majority_vote.h"

#include "core/consensus/soft_counts.h"

namespace loupe::consensus {

std::vector<std::vector<double>> voteShares(const ConsensusInput& input) {
  std::vector<std::vector<double>> shares(static_cast<std::size_t>(input.items));
  std::vector<int> votes(static_cast<std::size_t>(input.items), 0);
  for (const Rating& r : input.ratings) {
    auto& row = shares[static_cast<std::size_t>(r.item)];
    if (row.empty()) row.assign(static_cast<std::size_t>(input.classes), 0.0);
    row[static_cast<std::size_t>(r.label)] += 1.0;
    ++votes[static_cast<std::size_t>(r.item)];
  }
  for (std::size_t i = 0; i < shares.size(); ++i)
    for (double& s : shares[i]) s /= votes[i];
  return shares;
}

ConsensusResult majorityVote(const ConsensusInput& input) {
  validate(input);
  ConsensusResult out;
  out.posterior = voteShares(input);
  const auto k = static_cast<std::size_t>(input.classes);
  out.prior.assign(k, 0.0);
  int rated = 0;
  for (const auto& row : out.posterior) {
    out.label.push_back(mostProbable(row));
    if (out.label.back() < 0) continue;
    out.prior[static_cast<std::size_t>(out.label.back())] += 1.0;
    ++rated;
  }
  for (double& p : out.prior) p = rated ? p / rated : 1.0 / static_cast<double>(k);

  const auto counts = confusionCounts(input, oneHot(out.label, input.classes));
  const auto ratings = ratingsPerLabeler(input);
  for (std::size_t l = 0; l < counts.size(); ++l) {
    double agreeing = 0;
    for (std::size_t t = 0; t < k; ++t) agreeing += counts[l][t][t];
    out.accuracy.push_back(ratings[l] ? std::optional<double>(agreeing / ratings[l]) : std::nullopt);
    out.confusion.push_back(normalisedRows(counts[l], 0.0));
  }
  return out;
}

}  // namespace loupe::consensus
