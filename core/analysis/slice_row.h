#pragma once
// One row of the slice table: how big a slice is, how the model does on it, how well humans do
// (HLP), and the priority = (HLP − model) × share that ranks where work pays off most.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loupe::analysis {

struct SliceRow {
  std::string slice;            // e.g. "split=test AND class=shirt"
  std::int64_t items = 0;
  double share = 0;             // items / all evaluated items, 0..1
  std::optional<double> accuracy;  // absent: no model output on the slice
  std::optional<double> hlp;       // absent: no human labels on the slice
  std::optional<double> gap;       // hlp − accuracy
  std::optional<double> priority;  // gap × share
};

// Fractions in 0..1. `total` is the number of items of the whole evaluated set.
SliceRow makeSliceRow(std::string slice, std::int64_t items, std::int64_t total,
                      std::optional<double> accuracy, std::optional<double> hlp);

// Highest priority first; rows without a priority go last, then by share.
void sortByPriority(std::vector<SliceRow>& rows);

}  // namespace loupe::analysis
