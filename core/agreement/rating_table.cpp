#include "core/agreement/rating_table.h"

#include <stdexcept>
#include <string>

namespace loupe::agreement {

void validate(const RatingTable& table) {
  if (table.raters < 0 || table.categories < 0) throw std::invalid_argument("negative table size");
  if (table.raters > 0 && table.values.size() % static_cast<std::size_t>(table.raters) != 0)
    throw std::invalid_argument("rating table: value count is not a multiple of the rater count");
  for (std::size_t i = 0; i < table.values.size(); ++i) {
    const int v = table.values[i];
    if (v != kMissing && (v < 0 || v >= table.categories))
      throw std::invalid_argument("rating table: category " + std::to_string(v) + " at cell " +
                                  std::to_string(i) + " is outside 0.." +
                                  std::to_string(table.categories - 1));
  }
}

RatingTable ratingTableFromRows(int categories, const std::vector<std::vector<int>>& rows) {
  RatingTable t;
  t.categories = categories;
  t.raters = rows.empty() ? 0 : static_cast<int>(rows.front().size());
  for (const auto& row : rows) {
    if (static_cast<int>(row.size()) != t.raters)
      throw std::invalid_argument("rating table: rows have different rater counts");
    t.values.insert(t.values.end(), row.begin(), row.end());
  }
  validate(t);
  return t;
}

}  // namespace loupe::agreement
