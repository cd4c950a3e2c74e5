#pragma once
// The k×k table of two raters' joint classifications over the units both rated. Cohen's kappa,
// Scott's pi and the pair's percent agreement are functions of this table alone, so published
// examples given as tables can be checked directly.

#include <cstddef>
#include <vector>

#include "core/agreement/rating_table.h"

namespace loupe::agreement {

struct Contingency {
  int categories = 0;
  std::vector<double> counts;  // row-major [a's category][b's category]

  double at(int a, int b) const { return counts[static_cast<std::size_t>(a * categories + b)]; }
  double total() const;
};

Contingency contingencyFromRows(const std::vector<std::vector<double>>& rows);

// Joint table of raters a and b over the units where both gave a value.
Contingency contingency(const RatingTable& table, int raterA, int raterB);

}  // namespace loupe::agreement
