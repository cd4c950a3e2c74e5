#pragma once
// Tallies both methods share: how often each labeler gave each label to items of each class,
// where an item belongs to class k with a weight (one-hot for a vote, the posterior in EM).

#include <vector>

#include "core/consensus/consensus.h"

namespace loupe::consensus {

using ItemWeights = std::vector<std::vector<double>>;  // per item, per class; empty row: unrated

// Per labeler [true][given]: the sum over its ratings of weights[item][true]. Dawid & Skene's
// M-step numerator (their eq. 2.3), and with one-hot weights the majority vote's tally.
std::vector<ConfusionMatrix> confusionCounts(const ConsensusInput& input, const ItemWeights& weights);

// Each row plus `pseudoCount` per cell, divided by its total; a row with total 0 is uniform, so
// a class a labeler never met reads "no information" rather than NaN.
ConfusionMatrix normalisedRows(ConfusionMatrix counts, double pseudoCount);

std::vector<int> ratingsPerLabeler(const ConsensusInput& input);

// One-hot rows of `labels` (-1: an empty row).
ItemWeights oneHot(const std::vector<int>& labels, int classes);

}  // namespace loupe::consensus
