#pragma once
// The slice table of one labeler against a reference, as `loupe slices` prints it and the GUI's
// Analysis dock shows it: one function both call, so they cannot disagree on which slices there
// are (every single-key grouping plus every saved slice) or on their numbers.

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/classification_report.h"
#include "core/analysis/eval_table.h"
#include "core/analysis/slice_row.h"
#include "core/domain/types.h"
#include "storage/project.h"

namespace loupe::storage {

struct SliceReportOptions {
  std::string model;      // labeler name of the outputs under evaluation
  std::string reference;  // labeler name of the ground truth
  // Group by these keys (class, split, labeler, source or an attribute) and load only their
  // facets; empty: every key of the table and then every saved slice.
  std::vector<std::string> by;
  bool itemIds = false;    // fill SliceReport::itemIds (the GUI opens a slice's items)
  bool confusion = false;  // fill the whole set's confusion matrix and its cells' items
};

struct SliceReport {
  std::vector<analysis::SliceRow> rows;       // highest priority first (analysis::sortByPriority)
  std::vector<std::vector<Id>> itemIds;       // rows[i]'s items, in id order (when asked)
  std::int64_t referenceItems = 0;            // items the reference labeled (the table's rows)
  analysis::TaskKind task = analysis::TaskKind::Classification;  // boxes: rows carry the centroid metric
  std::optional<analysis::ConfusionMatrix> confusion;       // when asked
  std::vector<std::vector<std::vector<Id>>> confusionItems;  // [reference][model] -> item ids
};

// Throws std::invalid_argument naming an unknown labeler, grouping key, or a saved slice's
// unknown class, labeler or attribute; nlohmann::json errors for a saved slice that is not JSON.
SliceReport sliceReport(const Project& project, const SliceReportOptions& options);

}  // namespace loupe::storage
