#pragma once
// One row of the slice table: how big a slice is, how the model does on it, how well humans do
// (HLP), and the priority = (HLP − model) × share that ranks where work pays off most.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/centroid_eval.h"

namespace loupe::analysis {

// Items, share and accuracy count the same items: the evaluated ones, which have both a reference
// label and a model output. Items of the slice the model did not answer are counted apart.
struct SliceRow {
  std::string slice;            // e.g. "split=test AND class=shirt"
  std::int64_t items = 0;       // evaluated items of the slice
  double share = 0;             // items / all evaluated items, 0..1
  std::int64_t noPrediction = 0;   // items of the slice with a reference label but no model output
  std::optional<double> accuracy;  // absent: no model output on the slice
  std::optional<double> hlp;       // absent: no human labels on the slice
  std::optional<double> gap;       // hlp − accuracy
  std::optional<double> priority;  // gap × share
  // Boxes only: the centroid metric on the same evaluated items (absent for image labels or
  // when the model scored no item of the slice).
  std::optional<CentroidScores> centroid;
};

// Fractions in 0..1. `items` are the slice's evaluated items, `total` those of the whole table.
SliceRow makeSliceRow(std::string slice, std::int64_t items, std::int64_t total,
                      std::optional<double> accuracy, std::optional<double> hlp);

// Highest priority first; rows without a priority go last, then by share.
void sortByPriority(std::vector<SliceRow>& rows);  // stable
// The order sortByPriority sorts by: true when `a` goes before `b`.
bool higherPriority(const SliceRow& a, const SliceRow& b);

}  // namespace loupe::analysis
