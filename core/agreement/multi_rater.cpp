#include "core/agreement/multi_rater.h"

#include <vector>

namespace loupe::agreement {
namespace {

constexpr const char* kNoPairable = "no item has labels from two or more labelers";

// Share of agreeing ordered rater pairs within one unit.
double unitAgreement(const CategoryCounts& counts, std::size_t u) {
  const double n = counts.valuesIn(u);
  double same = 0;
  for (auto* c = counts.begin(u); c != counts.end(u); ++c) same += double(c->count) * (c->count - 1);
  return same / (n * (n - 1));
}

}  // namespace

Coefficient percentAgreement(const CategoryCounts& counts) {
  double sum = 0;
  std::size_t pairable = 0;
  for (std::size_t u = 0; u < counts.units(); ++u) {
    if (counts.valuesIn(u) < 2) continue;
    sum += unitAgreement(counts, u);
    ++pairable;
  }
  if (pairable == 0) return Coefficient::undefined(kNoPairable);
  return Coefficient::of(sum / double(pairable));
}

Coefficient fleissKappa(const CategoryCounts& counts) {
  std::vector<double> perCategory(static_cast<std::size_t>(counts.categories()), 0.0);
  double sumP = 0, values = 0;
  std::size_t pairable = 0;
  for (std::size_t u = 0; u < counts.units(); ++u) {
    if (counts.valuesIn(u) < 2) continue;
    sumP += unitAgreement(counts, u);
    ++pairable;
    values += counts.valuesIn(u);
    for (auto* c = counts.begin(u); c != counts.end(u); ++c) perCategory[static_cast<std::size_t>(c->category)] += c->count;
  }
  if (pairable == 0) return Coefficient::undefined(kNoPairable);
  double pe = 0;
  int used = 0;
  for (double n : perCategory) {
    if (n > 0) ++used;
    pe += (n / values) * (n / values);
  }
  if (used <= 1)
    return Coefficient::undefined("Fleiss' kappa is undefined: expected agreement is 1 (only one class was used)");
  const double pBar = sumP / double(pairable);
  return Coefficient::of((pBar - pe) / (1 - pe));
}

}  // namespace loupe::agreement
