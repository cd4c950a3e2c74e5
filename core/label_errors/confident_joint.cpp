#include "core/label_errors/confident_joint.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace loupe::label_errors {

void validateProbabilities(const std::vector<int>& labels, const std::vector<float>& probs, int classes) {
  if (classes < 2) throw std::invalid_argument("label errors need at least two classes");
  if (probs.size() != labels.size() * static_cast<std::size_t>(classes))
    throw std::invalid_argument("expected " + std::to_string(labels.size()) + " x " + std::to_string(classes) +
                                " probabilities, got " + std::to_string(probs.size()));
  for (std::size_t n = 0; n < labels.size(); ++n)
    if (labels[n] < 0 || labels[n] >= classes)
      throw std::invalid_argument("item " + std::to_string(n) + ": label " + std::to_string(labels[n]) +
                                  " is not one of the " + std::to_string(classes) + " classes");
  for (std::size_t k = 0; k < probs.size(); ++k)
    if (!std::isfinite(probs[k]) || probs[k] < 0.0f || probs[k] > 1.0f)
      throw std::invalid_argument("item " + std::to_string(k / static_cast<std::size_t>(classes)) + ", class " +
                                  std::to_string(k % static_cast<std::size_t>(classes)) +
                                  ": probability is not in [0, 1]");
}

double ConfidentJoint::estimatedErrors() const {
  double sum = 0.0;
  for (int i = 0; i < classes; ++i)
    for (int j = 0; j < classes; ++j)
      if (i != j) sum += at(i, j);
  return sum;
}

ConfidentJoint confidentJoint(const std::vector<int>& labels, const std::vector<float>& probs, int classes) {
  validateProbabilities(labels, probs, classes);
  const auto K = static_cast<std::size_t>(classes);
  ConfidentJoint cj;
  cj.classes = classes;
  cj.given.assign(K, 0);
  std::vector<double> sums(K, 0.0);
  for (std::size_t n = 0; n < labels.size(); ++n) {
    const auto i = static_cast<std::size_t>(labels[n]);
    ++cj.given[i];
    sums[i] += probs[n * K + i];
  }
  cj.thresholds.resize(K);
  for (std::size_t j = 0; j < K; ++j)
    cj.thresholds[j] = cj.given[j] > 0 ? sums[j] / static_cast<double>(cj.given[j]) : 2.0;

  cj.counts.assign(K * K, 0);
  cj.confident.assign(labels.size(), -1);
  for (std::size_t n = 0; n < labels.size(); ++n) {
    int best = -1;
    for (std::size_t j = 0; j < K; ++j) {
      const float p = probs[n * K + j];
      if (static_cast<double>(p) < cj.thresholds[j]) continue;
      const float top = best < 0 ? -1.0f : probs[n * K + static_cast<std::size_t>(best)];
      // A tie with the given label keeps the label: equal evidence is no evidence against it.
      if (p > top || (p == top && static_cast<int>(j) == labels[n])) best = static_cast<int>(j);
    }
    cj.confident[n] = best;
    if (best >= 0) ++cj.counts[static_cast<std::size_t>(labels[n]) * K + static_cast<std::size_t>(best)];
  }

  cj.calibrated.assign(K * K, 0.0);
  for (std::size_t i = 0; i < K; ++i) {
    std::int64_t row = 0;
    for (std::size_t j = 0; j < K; ++j) row += cj.counts[i * K + j];
    if (row == 0) {
      cj.calibrated[i * K + i] = static_cast<double>(cj.given[i]);
      continue;
    }
    const double scale = static_cast<double>(cj.given[i]) / static_cast<double>(row);
    for (std::size_t j = 0; j < K; ++j) cj.calibrated[i * K + j] = static_cast<double>(cj.counts[i * K + j]) * scale;
  }
  return cj;
}

}  // namespace loupe::label_errors
