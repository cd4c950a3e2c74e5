#include "core/agreement/contingency.h"

#include <numeric>
#include <stdexcept>

namespace loupe::agreement {

double Contingency::total() const { return std::accumulate(counts.begin(), counts.end(), 0.0); }

Contingency contingencyFromRows(const std::vector<std::vector<double>>& rows) {
  Contingency t;
  t.categories = static_cast<int>(rows.size());
  for (const auto& row : rows) {
    if (row.size() != rows.size()) throw std::invalid_argument("contingency table must be square");
    t.counts.insert(t.counts.end(), row.begin(), row.end());
  }
  return t;
}

Contingency contingency(const RatingTable& table, int raterA, int raterB) {
  if (raterA < 0 || raterB < 0 || raterA >= table.raters || raterB >= table.raters)
    throw std::invalid_argument("contingency: rater index out of range");
  Contingency t;
  t.categories = table.categories;
  t.counts.assign(static_cast<std::size_t>(table.categories) * static_cast<std::size_t>(table.categories), 0.0);
  for (std::size_t u = 0; u < table.units(); ++u) {
    const int a = table.at(u, raterA);
    const int b = table.at(u, raterB);
    if (a == kMissing || b == kMissing) continue;
    t.counts[static_cast<std::size_t>(a * table.categories + b)] += 1.0;
  }
  return t;
}

}  // namespace loupe::agreement
