#include "core/agreement/pair_metrics.h"

#include <cstdlib>
#include <vector>

namespace loupe::agreement {
namespace {

constexpr const char* kNoJointUnits = "no item was labeled by both labelers";

double weight(KappaWeights w, int i, int j) {
  const double d = std::abs(i - j);
  switch (w) {
    case KappaWeights::None: return i == j ? 0.0 : 1.0;
    case KappaWeights::Linear: return d;
    case KappaWeights::Quadratic: return d * d;
  }
  return 0.0;
}

}  // namespace

Coefficient pairPercentAgreement(const Contingency& table) {
  const double n = table.total();
  if (n <= 0) return Coefficient::undefined(kNoJointUnits);
  double agree = 0;
  for (int c = 0; c < table.categories; ++c) agree += table.at(c, c);
  return Coefficient::of(agree / n);
}

Coefficient cohenKappa(const Contingency& table, KappaWeights weights) {
  const double n = table.total();
  if (n <= 0) return Coefficient::undefined(kNoJointUnits);
  const int k = table.categories;
  std::vector<double> rows(static_cast<std::size_t>(k), 0.0), cols(static_cast<std::size_t>(k), 0.0);
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) {
      rows[static_cast<std::size_t>(i)] += table.at(i, j);
      cols[static_cast<std::size_t>(j)] += table.at(i, j);
    }
  // kappa = 1 - sum(w*O) / sum(w*E). For unweighted kappa this equals (po - pe) / (1 - pe), but
  // the disagreement form makes "expected disagreement is exactly zero" an exact test.
  double observed = 0, expected = 0;
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) {
      const double w = weight(weights, i, j);
      if (w == 0) continue;
      observed += w * table.at(i, j);
      expected += w * rows[static_cast<std::size_t>(i)] * cols[static_cast<std::size_t>(j)] / n;
    }
  if (expected <= 0)
    return Coefficient::undefined(
        "Cohen's kappa is undefined: expected agreement is 1 (both labelers used one and the same class)");
  return Coefficient::of(1.0 - observed / expected);
}

Coefficient scottPi(const Contingency& table) {
  const double n = table.total();
  if (n <= 0) return Coefficient::undefined(kNoJointUnits);
  const int k = table.categories;
  std::vector<double> pooled(static_cast<std::size_t>(k), 0.0);
  double agree = 0;
  for (int i = 0; i < k; ++i)
    for (int j = 0; j < k; ++j) {
      pooled[static_cast<std::size_t>(i)] += table.at(i, j);
      pooled[static_cast<std::size_t>(j)] += table.at(i, j);
      if (i == j) agree += table.at(i, j);
    }
  double pe = 0;
  int used = 0;
  for (double p : pooled) {
    if (p > 0) ++used;
    const double q = p / (2 * n);
    pe += q * q;
  }
  if (used <= 1)
    return Coefficient::undefined("Scott's pi is undefined: expected agreement is 1 (only one class was used)");
  return Coefficient::of((agree / n - pe) / (1 - pe));
}

}  // namespace loupe::agreement
