#pragma once
// The fold plan for cross-validated predictions: every item lands in exactly one of K folds,
// each class spread evenly over the folds, and items sharing a group key (one source, one
// session, near-duplicates) in the same fold — else a model would be tested on an item whose
// twin it trained on and the twin's label would look confirmed.

#include <cstdint>
#include <string>
#include <vector>

namespace loupe::label_errors {

// labels[i] the given label, groups[i] the group key ("" = the item is its own group). Returns
// the fold (0..folds-1) of each item. Deterministic for a seed. Throws std::invalid_argument for
// folds < 2, mismatched sizes, or fewer groups than folds.
std::vector<int> assignFolds(const std::vector<int>& labels, const std::vector<std::string>& groups, int folds,
                             std::uint64_t seed);

}  // namespace loupe::label_errors
