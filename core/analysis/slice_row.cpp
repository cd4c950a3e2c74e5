#include "core/analysis/slice_row.h"

#include <algorithm>

namespace loupe::analysis {

SliceRow makeSliceRow(std::string slice, std::int64_t items, std::int64_t total,
                      std::optional<double> accuracy, std::optional<double> hlp) {
  SliceRow row;
  row.slice = std::move(slice);
  row.items = items;
  row.share = total == 0 ? 0.0 : static_cast<double>(items) / static_cast<double>(total);
  row.accuracy = accuracy;
  row.hlp = hlp;
  if (accuracy && hlp) {
    row.gap = *hlp - *accuracy;
    row.priority = *row.gap * row.share;
  }
  return row;
}

bool higherPriority(const SliceRow& a, const SliceRow& b) {
  if (a.priority.has_value() != b.priority.has_value()) return a.priority.has_value();
  if (a.priority && *a.priority != *b.priority) return *a.priority > *b.priority;
  return a.share > b.share;
}

void sortByPriority(std::vector<SliceRow>& rows) { std::stable_sort(rows.begin(), rows.end(), higherPriority); }

}  // namespace loupe::analysis
