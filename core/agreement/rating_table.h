#pragma once
// Reliability data for image labels: one row per unit (item), one column per rater (labeler),
// each cell a category index in the scale's order or kMissing. Category indices are positions in
// the project's class order, which is what weighted kappa and the ordinal alpha measure on.

#include <cstddef>
#include <vector>

namespace loupe::agreement {

inline constexpr int kMissing = -1;

struct RatingTable {
  int categories = 0;
  int raters = 0;
  std::vector<int> values;  // row-major: values[unit * raters + rater]

  std::size_t units() const { return raters > 0 ? values.size() / static_cast<std::size_t>(raters) : 0; }
  int at(std::size_t unit, int rater) const { return values[unit * static_cast<std::size_t>(raters) + static_cast<std::size_t>(rater)]; }
};

// Throws std::invalid_argument when a cell is outside [0, categories) and not kMissing, or when
// the value count is not a multiple of the rater count.
void validate(const RatingTable& table);

// Rows from a list of units, each a vector of one value per rater (kMissing allowed).
RatingTable ratingTableFromRows(int categories, const std::vector<std::vector<int>>& rows);

}  // namespace loupe::agreement
