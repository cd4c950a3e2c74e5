#pragma once
// The review queue: items on which labelers disagree, worst first. An item's disagreement is
// 1 − (share of agreeing pairs among the labelers who gave it an image label), or for boxes
// 1 − (mean box F1 over all labeler pairs, drawing nothing counting as "no objects"); with both,
// the larger counts.

#include <cstddef>
#include <vector>

#include "core/agreement/agreement_data.h"

namespace loupe::agreement {

struct Disagreement {
  std::size_t unit = 0;  // row of AgreementData::items
  double score = 0;      // 0 (all agree) .. 1 (no two agree)
  int labelers = 0;      // labelers with an image label or box on the item
};

// Items with score > 0, sorted by score descending, then by unit.
std::vector<Disagreement> disagreementQueue(const AgreementData& data, double iouThreshold = 0.5);

}  // namespace loupe::agreement
