#pragma once
// Majority vote: each item gets the class most of its ratings name. The baseline Dawid-Skene is
// measured against, and the start of its EM.

#include <vector>

#include "core/consensus/consensus.h"

namespace loupe::consensus {

// Per item, the share of its ratings naming each class (every rating is a vote, so a labeler who
// rated an item three times votes three times); an empty row for an unrated item. Dawid &
// Skene's initial class estimates (their eq. 3.1).
std::vector<std::vector<double>> voteShares(const ConsensusInput& input);

// label: the class with the most votes, the lowest class index on a tie; posterior: the vote
// shares; prior: the share of rated items voted into each class; confusion: each labeler's
// labels tallied against the vote, rows normalised; accuracy: the share of a labeler's ratings
// that agree with the vote. Throws what validate() throws.
ConsensusResult majorityVote(const ConsensusInput& input);

}  // namespace loupe::consensus
