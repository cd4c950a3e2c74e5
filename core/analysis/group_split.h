#pragma once
// Group-aware split: reassigns train/val/test so that nothing leaks — every item sharing a group
// key, a content hash or a near-duplicate perceptual hash ends up in one split — while keeping
// the target fractions as closely as whole groups allow and moving as little as possible.
// Deterministic: the same items give the same moves.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "core/analysis/leakage.h"

namespace loupe::analysis {

struct SplitFractions {
  double train = 0.8, val = 0.1, test = 0.1;  // normalised by their sum
};

struct SplitMove {
  Id item = 0;
  Split from = Split::Unassigned;
  Split to = Split::Unassigned;
};

struct GroupSplitResult {
  std::vector<SplitMove> moves;             // by item id
  std::map<Split, std::int64_t> itemsPerSplit;  // after the moves
  std::map<Split, double> targetPerSplit;       // target item counts
  std::size_t groups = 0;                       // connected groups found
};

// Items without a split stay out. Without `fractions`, the current split proportions are kept.
GroupSplitResult groupAwareSplit(const std::vector<LeakageItem>& items, std::optional<SplitFractions> fractions = {},
                                 const LeakageOptions& options = {});

}  // namespace loupe::analysis
