#pragma once
// Per-unit category counts n_uc (how many raters put unit u in category c). Fleiss' kappa,
// Krippendorff's alpha and the multi-rater percent agreement depend on the data only through
// these counts, so they take this form and published examples given as count tables (Fleiss
// 1971) can be fed in directly. Stored sparsely: a unit lists only categories it received.

#include <cstddef>
#include <utility>
#include <vector>

#include "core/agreement/rating_table.h"

namespace loupe::agreement {

struct CategoryCount {
  int category = 0;
  int count = 0;
};

class CategoryCounts {
 public:
  explicit CategoryCounts(int categories) : categories_(categories) {}

  // Counts for one unit, given densely (one entry per category). Zeros are dropped.
  void addDenseUnit(const std::vector<int>& counts);
  // Counts for one unit from its ratings (kMissing ignored).
  void addRatings(const int* values, int raters);

  int categories() const { return categories_; }
  std::size_t units() const { return offsets_.size() - 1; }
  const CategoryCount* begin(std::size_t unit) const { return cells_.data() + offsets_[unit]; }
  const CategoryCount* end(std::size_t unit) const { return cells_.data() + offsets_[unit + 1]; }
  int valuesIn(std::size_t unit) const { return totals_[unit]; }

 private:
  int categories_;
  std::vector<std::size_t> offsets_{0};
  std::vector<CategoryCount> cells_;
  std::vector<int> totals_;
  std::vector<int> scratch_;
};

CategoryCounts countsFromRatings(const RatingTable& table);

}  // namespace loupe::agreement
