#include "core/consensus/dawid_skene.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/consensus/majority_vote.h"
#include "core/consensus/soft_counts.h"

namespace loupe::consensus {
namespace {

struct Parameters {
  std::vector<double> prior;
  std::vector<ConfusionMatrix> confusion;
};

// The ratings grouped by item (offsets into one array), so an E-step is one pass.
struct RatingsByItem {
  std::vector<std::size_t> begin;  // items + 1 offsets
  std::vector<Rating> ratings;

  explicit RatingsByItem(const ConsensusInput& in) : begin(static_cast<std::size_t>(in.items) + 1, 0) {
    for (const Rating& r : in.ratings) ++begin[static_cast<std::size_t>(r.item) + 1];
    for (std::size_t i = 1; i < begin.size(); ++i) begin[i] += begin[i - 1];
    ratings.resize(in.ratings.size());
    std::vector<std::size_t> next(begin.begin(), begin.end() - 1);
    for (const Rating& r : in.ratings) ratings[next[static_cast<std::size_t>(r.item)]++] = r;
  }
};

// M-step (the paper's eqs. 2.3 and 2.4): the prior and confusion matrices that maximise the
// expected log-likelihood given the items' class weights.
Parameters maximise(const ConsensusInput& in, const ItemWeights& weights, double pseudoCount) {
  const auto k = static_cast<std::size_t>(in.classes);
  Parameters p;
  p.prior.assign(k, pseudoCount);
  for (const auto& row : weights)
    for (std::size_t c = 0; c < row.size(); ++c) p.prior[c] += row[c];
  double total = 0;
  for (double v : p.prior) total += v;
  for (double& v : p.prior) v /= total;
  for (auto& counts : confusionCounts(in, weights)) p.confusion.push_back(normalisedRows(std::move(counts), pseudoCount));
  return p;
}

// E-step (eq. 2.5): each rated item's posterior over the classes, in log space so hundreds of
// ratings of one item cannot underflow. Returns the log-likelihood of all ratings (eq. 2.7).
double expect(const ConsensusInput& in, const RatingsByItem& byItem, const Parameters& p, ItemWeights& weights) {
  const auto k = static_cast<std::size_t>(in.classes);
  std::vector<double> logPrior(k);
  std::transform(p.prior.begin(), p.prior.end(), logPrior.begin(), [](double v) { return std::log(v); });
  std::vector<ConfusionMatrix> logConfusion = p.confusion;
  for (auto& m : logConfusion)
    for (auto& row : m)
      for (double& v : row) v = std::log(v);

  double logLikelihood = 0;
  std::vector<double> score(k);
  for (std::size_t i = 0; i + 1 < byItem.begin.size(); ++i) {
    auto& row = weights[i];
    if (byItem.begin[i] == byItem.begin[i + 1]) {
      row.clear();
      continue;
    }
    score = logPrior;
    for (std::size_t r = byItem.begin[i]; r < byItem.begin[i + 1]; ++r) {
      const Rating& rating = byItem.ratings[r];
      const auto& m = logConfusion[static_cast<std::size_t>(rating.labeler)];
      for (std::size_t c = 0; c < k; ++c) score[c] += m[c][static_cast<std::size_t>(rating.label)];
    }
    const double top = *std::max_element(score.begin(), score.end());
    double sum = 0;
    for (double s : score) sum += std::exp(s - top);
    logLikelihood += top + std::log(sum);
    row.resize(k);
    for (std::size_t c = 0; c < k; ++c) row[c] = std::exp(score[c] - top) / sum;
  }
  return logLikelihood;
}

double largestChange(const Parameters& a, const Parameters& b) {
  double change = 0;
  for (std::size_t c = 0; c < a.prior.size(); ++c) change = std::max(change, std::abs(a.prior[c] - b.prior[c]));
  for (std::size_t l = 0; l < a.confusion.size(); ++l)
    for (std::size_t t = 0; t < a.confusion[l].size(); ++t)
      for (std::size_t g = 0; g < a.confusion[l][t].size(); ++g)
        change = std::max(change, std::abs(a.confusion[l][t][g] - b.confusion[l][t][g]));
  return change;
}

void validate(const DawidSkeneOptions& o) {
  if (o.maxIterations < 1) throw std::invalid_argument("Dawid-Skene: maxIterations must be at least 1");
  if (!(o.pseudoCount > 0) || !std::isfinite(o.pseudoCount))
    throw std::invalid_argument("Dawid-Skene: pseudoCount must be positive (it keeps every log finite)");
  if (!(o.parameterTolerance >= 0) || !(o.logLikelihoodTolerance >= 0))
    throw std::invalid_argument("Dawid-Skene: tolerances must not be negative");
}

}  // namespace

ConsensusResult dawidSkene(const ConsensusInput& input, const DawidSkeneOptions& options) {
  consensus::validate(input);
  validate(options);
  const RatingsByItem byItem(input);
  ItemWeights weights = voteShares(input);
  Parameters p = maximise(input, weights, options.pseudoCount);

  ConsensusResult out;
  out.converged = false;
  double previous = std::numeric_limits<double>::quiet_NaN();
  while (out.iterations < options.maxIterations) {
    const double logLikelihood = expect(input, byItem, p, weights);
    Parameters next = maximise(input, weights, options.pseudoCount);
    const double moved = largestChange(p, next);
    p = std::move(next);
    ++out.iterations;
    const bool flat = std::abs(logLikelihood - previous) <= options.logLikelihoodTolerance * std::abs(logLikelihood);
    if (moved <= options.parameterTolerance || flat) {
      out.converged = true;
      break;
    }
    previous = logLikelihood;
  }
  // The posteriors reported are those of the estimates reported.
  out.logLikelihood = expect(input, byItem, p, weights);

  const auto ratings = ratingsPerLabeler(input);
  for (std::size_t l = 0; l < p.confusion.size(); ++l) {
    double correct = 0;
    for (std::size_t c = 0; c < p.prior.size(); ++c) correct += p.prior[c] * p.confusion[l][c][c];
    out.accuracy.push_back(ratings[l] ? std::optional<double>(correct) : std::nullopt);
  }
  for (const auto& row : weights) out.label.push_back(mostProbable(row));
  out.posterior = std::move(weights);
  out.prior = std::move(p.prior);
  out.confusion = std::move(p.confusion);
  return out;
}

}  // namespace loupe::consensus
