#pragma once
// Leakage between train, val and test: the same picture in two splits (identical content hash),
// nearly the same picture (perceptual hashes within a Hamming distance), and one group key
// (a subject, a session, a device) in more than one split. Items without a split are ignored:
// they cannot leak.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::analysis {

struct LeakageItem {
  Id id = 0;
  std::string name;
  Split split = Split::Unassigned;
  std::string groupKey;
  std::string contentHash;
  std::optional<std::uint64_t> perceptualHash;  // absent: no media (labels-only item)
};

struct DuplicateGroup {  // same content hash, more than one split
  std::string contentHash;
  std::vector<Id> items;
  std::vector<Split> splits;  // per item
};

struct NearDuplicate {  // different content, perceptual hashes within the threshold
  Id a = 0, b = 0;      // a < b
  Split splitA = Split::Unassigned, splitB = Split::Unassigned;
  int distance = 0;
};

struct GroupLeak {
  std::string groupKey;
  std::map<Split, std::int64_t> itemsPerSplit;
};

struct LeakageOptions {
  // 64-bit PHash: re-encoding and mild brightness changes stay within a few bits; unrelated
  // images sit near 32. 8 keeps clear of chance matches while catching edited copies.
  int maxHammingDistance = 8;
};

struct LeakageReport {
  std::vector<DuplicateGroup> exactDuplicates;
  std::vector<NearDuplicate> nearDuplicates;
  std::vector<GroupLeak> groupLeaks;
  bool clean() const { return exactDuplicates.empty() && nearDuplicates.empty() && groupLeaks.empty(); }
};

// Every near-duplicate pair, whatever the splits (the split tool must keep them together too).
std::vector<NearDuplicate> nearDuplicatePairs(const std::vector<LeakageItem>& items, int maxHammingDistance);

LeakageReport findLeakage(const std::vector<LeakageItem>& items, const LeakageOptions& options = {});

}  // namespace loupe::analysis
