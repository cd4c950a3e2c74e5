#pragma once
// Reads for error analysis: the project's labels in the column layout core/analysis works on
// (one query per labeler and facet, streamed, so a million items load in well under a second),
// and the per-item facts the leakage checks need. Read-only; the label reads rely on the covering
// index annotations_kind_labeler (schema v2).

#include <optional>
#include <string>
#include <vector>

#include "core/analysis/eval_table.h"
#include "core/analysis/leakage.h"
#include "core/domain/progress.h"
#include "storage/project.h"

namespace loupe::storage {

struct EvalLoadOptions {
  std::string model;      // labeler name (kind model, usually)
  std::string reference;  // labeler name of the ground truth
  // Facets to load ("split", "source", attribute keys); absent = all of them.
  std::optional<std::vector<std::string>> facets;
  bool humans = true;     // load the other human labelers (for HLP)
};

// Rows are the items the reference labeled, in item-id order. Image labels make a
// classification table; if the reference drew any box, a detection table. For classification
// an item with two labels from one labeler counts its latest. Throws std::invalid_argument
// naming an unknown labeler.
analysis::EvalTable loadEvalTable(const Project& project, const EvalLoadOptions& options);

struct LeakageLoad {
  std::vector<analysis::LeakageItem> items;
  std::vector<std::string> warnings;  // media that could not be decoded, by item name
};

// Every item with its split, group, content hash and (when `perceptual`) the perceptual hash of
// its image. Decodes each image once; reports progress per item and honours cancellation.
LeakageLoad loadLeakageItems(const Project& project, bool perceptual, const Progress& progress = {});

}  // namespace loupe::storage
