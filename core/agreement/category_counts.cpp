#include "core/agreement/category_counts.h"

#include <stdexcept>

namespace loupe::agreement {

void CategoryCounts::addDenseUnit(const std::vector<int>& counts) {
  if (static_cast<int>(counts.size()) != categories_)
    throw std::invalid_argument("category counts: a unit needs one count per category");
  int total = 0;
  for (int c = 0; c < categories_; ++c) {
    if (counts[static_cast<std::size_t>(c)] < 0) throw std::invalid_argument("category counts: negative count");
    if (counts[static_cast<std::size_t>(c)] > 0) {
      cells_.push_back({c, counts[static_cast<std::size_t>(c)]});
      total += counts[static_cast<std::size_t>(c)];
    }
  }
  offsets_.push_back(cells_.size());
  totals_.push_back(total);
}

void CategoryCounts::addRatings(const int* values, int raters) {
  // Raters per unit are few (tens), so a linear scan over the unit's own cells beats a dense
  // scratch array of all categories.
  const std::size_t first = cells_.size();
  int total = 0;
  for (int r = 0; r < raters; ++r) {
    const int v = values[r];
    if (v == kMissing) continue;
    if (v < 0 || v >= categories_) throw std::invalid_argument("category counts: category out of range");
    ++total;
    bool found = false;
    for (std::size_t i = first; i < cells_.size(); ++i)
      if (cells_[i].category == v) {
        ++cells_[i].count;
        found = true;
        break;
      }
    if (!found) cells_.push_back({v, 1});
  }
  offsets_.push_back(cells_.size());
  totals_.push_back(total);
}

CategoryCounts countsFromRatings(const RatingTable& table) {
  validate(table);
  CategoryCounts counts(table.categories);
  for (std::size_t u = 0; u < table.units(); ++u)
    counts.addRatings(table.values.data() + u * static_cast<std::size_t>(table.raters), table.raters);
  return counts;
}

}  // namespace loupe::agreement
