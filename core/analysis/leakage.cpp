#include "core/analysis/leakage.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/analysis/perceptual_hash.h"

namespace loupe::analysis {
namespace {

std::vector<DuplicateGroup> exactDuplicates(const std::vector<const LeakageItem*>& items) {
  std::map<std::string, std::vector<const LeakageItem*>> byHash;
  for (const auto* it : items)
    if (!it->contentHash.empty()) byHash[it->contentHash].push_back(it);
  std::vector<DuplicateGroup> out;
  for (const auto& [hash, group] : byHash) {
    const bool crossesSplits = std::any_of(group.begin(), group.end(),
                                           [&](const LeakageItem* i) { return i->split != group.front()->split; });
    if (!crossesSplits) continue;
    DuplicateGroup g{hash, {}, {}};
    for (const auto* i : group) {
      g.items.push_back(i->id);
      g.splits.push_back(i->split);
    }
    out.push_back(std::move(g));
  }
  return out;
}

// Multi-index hashing: cut the 64 bits into maxDistance + 1 segments. Two hashes within the
// distance agree exactly on at least one segment (pigeonhole), so only items sharing a segment
// value are compared — near-linear instead of all pairs.
std::vector<NearDuplicate> nearDuplicates(const std::vector<const LeakageItem*>& items, int maxDistance,
                                          bool acrossSplitsOnly) {
  const int segments = std::clamp(maxDistance + 1, 1, 64);
  std::set<std::pair<std::size_t, std::size_t>> seen;
  std::vector<NearDuplicate> out;
  for (int s = 0; s < segments; ++s) {
    const int lo = 64 * s / segments, hi = 64 * (s + 1) / segments;
    const std::uint64_t mask = (hi - lo == 64) ? ~0ULL : ((1ULL << (hi - lo)) - 1);
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i]->perceptualHash) buckets[(*items[i]->perceptualHash >> lo) & mask].push_back(i);
    for (const auto& [key, members] : buckets)
      for (std::size_t x = 0; x < members.size(); ++x)
        for (std::size_t y = x + 1; y < members.size(); ++y) {
          const auto* a = items[members[x]];
          const auto* b = items[members[y]];
          if (acrossSplitsOnly && a->split == b->split) continue;
          if (!a->contentHash.empty() && a->contentHash == b->contentHash) continue;  // exact: reported above
          const int d = hammingDistance(*a->perceptualHash, *b->perceptualHash);
          if (d > maxDistance) continue;
          if (a->id > b->id) std::swap(a, b);
          if (!seen.insert({static_cast<std::size_t>(a->id), static_cast<std::size_t>(b->id)}).second) continue;
          out.push_back({a->id, b->id, a->split, b->split, d});
        }
  }
  std::sort(out.begin(), out.end(), [](const NearDuplicate& x, const NearDuplicate& y) {
    return std::pair(x.a, x.b) < std::pair(y.a, y.b);
  });
  return out;
}

std::vector<GroupLeak> groupLeaks(const std::vector<const LeakageItem*>& items) {
  std::map<std::string, std::map<Split, std::int64_t>> byGroup;
  for (const auto* i : items)
    if (!i->groupKey.empty()) ++byGroup[i->groupKey][i->split];
  std::vector<GroupLeak> out;
  for (auto& [key, counts] : byGroup)
    if (counts.size() > 1) out.push_back({key, std::move(counts)});
  return out;
}

}  // namespace

std::vector<NearDuplicate> nearDuplicatePairs(const std::vector<LeakageItem>& items, int maxHammingDistance) {
  std::vector<const LeakageItem*> all;
  for (const auto& i : items) all.push_back(&i);
  return nearDuplicates(all, maxHammingDistance, false);
}

LeakageReport findLeakage(const std::vector<LeakageItem>& items, const LeakageOptions& options) {
  std::vector<const LeakageItem*> assigned;
  for (const auto& i : items)
    if (i.split != Split::Unassigned) assigned.push_back(&i);
  LeakageReport report;
  report.exactDuplicates = exactDuplicates(assigned);
  report.nearDuplicates = nearDuplicates(assigned, options.maxHammingDistance, true);
  report.groupLeaks = groupLeaks(assigned);
  return report;
}

}  // namespace loupe::analysis
