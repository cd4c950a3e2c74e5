#pragma once
// Box agreement between two labelers (a = the side treated as reference, b = the side compared).
// Per item, boxes are matched one-to-one with the Hungarian algorithm: first among boxes of the
// same class, then the leftovers regardless of class. A pair counts only when its IoU reaches the
// threshold. Same-class pairs are "matched", cross-class pairs are "class mismatches", a's
// unpaired boxes are "missing" from b and b's unpaired boxes are "extra".

#include <cstddef>
#include <vector>

#include "core/agreement/coefficient.h"
#include "core/domain/types.h"

namespace loupe::agreement {

struct LabeledBox {
  int category = 0;
  Box box;
};

double iou(const Box& a, const Box& b);

struct BoxCounts {
  std::size_t boxesA = 0, boxesB = 0;
  std::size_t matched = 0, classMismatch = 0;
  double matchedIouSum = 0;  // over same-class matches

  std::size_t missing() const { return boxesA - matched - classMismatch; }
  std::size_t extra() const { return boxesB - matched - classMismatch; }
  BoxCounts& operator+=(const BoxCounts& o);
};

// One item. Within each stage the assignment maximises the number of pairs at or above the
// threshold, and among those the total IoU.
BoxCounts matchBoxes(const std::vector<LabeledBox>& a, const std::vector<LabeledBox>& b, double iouThreshold);

struct BoxAgreement {
  Coefficient precision;  // matched / boxes of b
  Coefficient recall;     // matched / boxes of a
  Coefficient f1;         // 2 * matched / (boxes of a + boxes of b)
  Coefficient meanIou;    // mean IoU of same-class matches
  BoxCounts counts;
};

BoxAgreement summarize(const BoxCounts& counts);

}  // namespace loupe::agreement
