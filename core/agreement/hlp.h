#pragma once
// Human-level performance (HLP) per slice: with a reference labeler, the mean over human
// labelers of their accuracy (image labels) or box F1 at the IoU threshold against the
// reference; without one, the mean over pairs of human labelers of their percent agreement
// (image labels) or box F1. Definitions: docs/metrics.md.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement/agreement_data.h"
#include "core/agreement/coefficient.h"

namespace loupe::agreement {

struct HlpOptions {
  std::optional<std::string> reference;  // labeler name; empty: a labeler of kind Reference if exactly one
  double iouThreshold = 0.5;
};

struct HlpSlice {
  std::string slice;
  std::size_t items = 0;  // items of the slice with a label or box from the humans or the reference
  Coefficient hlp;
};

struct HlpResult {
  std::vector<HlpSlice> slices;
  std::vector<std::string> notes;
  std::optional<std::string> reference;  // the reference labeler used
  bool boxes = false;                    // F1 of boxes (true) or accuracy of image labels
};

// `sliceOfUnit` names each unit's slice (same length as data.items). Slices come out sorted by
// name. Throws std::invalid_argument for an unknown reference or when there are too few humans.
HlpResult humanLevelPerformance(const AgreementData& data, const std::vector<std::string>& sliceOfUnit,
                                const HlpOptions& options);

}  // namespace loupe::agreement
