#include "core/analysis/group_split.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

namespace loupe::analysis {
namespace {

constexpr std::array<Split, 3> kSplits{Split::Train, Split::Val, Split::Test};

int splitIndex(Split s) {
  for (int i = 0; i < 3; ++i)
    if (kSplits[i] == s) return i;
  return -1;
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

GroupSplitResult groupAwareSplit(const std::vector<LeakageItem>& all, std::optional<SplitFractions> fractions,
                                 const LeakageOptions& options) {
  std::vector<LeakageItem> items;
  for (const auto& i : all)
    if (i.split != Split::Unassigned) items.push_back(i);
  std::sort(items.begin(), items.end(), [](const LeakageItem& a, const LeakageItem& b) { return a.id < b.id; });
  const std::size_t n = items.size();

  // Link everything that must share a split.
  UnionFind uf(n);
  std::unordered_map<std::string, std::size_t> firstWithGroup, firstWithHash;
  std::unordered_map<Id, std::size_t> indexOfId;
  for (std::size_t i = 0; i < n; ++i) {
    indexOfId[items[i].id] = i;
    if (!items[i].groupKey.empty()) {
      auto [it, fresh] = firstWithGroup.emplace(items[i].groupKey, i);
      if (!fresh) uf.join(it->second, i);
    }
    if (!items[i].contentHash.empty()) {
      auto [it, fresh] = firstWithHash.emplace(items[i].contentHash, i);
      if (!fresh) uf.join(it->second, i);
    }
  }
  for (const auto& pair : nearDuplicatePairs(items, options.maxHammingDistance))
    uf.join(indexOfId.at(pair.a), indexOfId.at(pair.b));

  struct Component {
    std::vector<std::size_t> members;
    std::array<std::int64_t, 3> perSplit{};
  };
  std::map<std::size_t, Component> byRoot;  // root = smallest index = smallest item id
  for (std::size_t i = 0; i < n; ++i) {
    auto& c = byRoot[uf.find(i)];
    c.members.push_back(i);
    ++c.perSplit[splitIndex(items[i].split)];
  }
  std::vector<Component*> components;
  for (auto& [root, c] : byRoot) components.push_back(&c);
  // Big groups first: they are the hardest to fit; ties keep the id order (std::map order).
  std::stable_sort(components.begin(), components.end(),
                   [](const Component* a, const Component* b) { return a->members.size() > b->members.size(); });

  std::array<double, 3> target{};
  if (fractions) {
    const std::array<double, 3> f{fractions->train, fractions->val, fractions->test};
    const double sum = f[0] + f[1] + f[2];
    if (sum <= 0 || f[0] < 0 || f[1] < 0 || f[2] < 0)
      throw std::invalid_argument("split fractions must be non-negative and not all zero");
    for (int s = 0; s < 3; ++s) target[s] = f[s] / sum * static_cast<double>(n);
  } else {
    for (const auto& i : items) target[splitIndex(i.split)] += 1;
  }

  GroupSplitResult result;
  result.groups = components.size();
  std::array<std::int64_t, 3> filled{};
  for (const Component* c : components) {
    const auto size = static_cast<std::int64_t>(c->members.size());
    // Stay where most of the group already is, if that split still has room for it.
    const int majority = static_cast<int>(std::max_element(c->perSplit.begin(), c->perSplit.end()) - c->perSplit.begin());
    int chosen = majority;
    if (static_cast<double>(filled[majority] + size) > target[majority] + 0.5) {
      // Otherwise the split furthest below its target (first in train, val, test order on ties).
      chosen = 0;
      for (int s = 1; s < 3; ++s)
        if (target[s] - static_cast<double>(filled[s]) > target[chosen] - static_cast<double>(filled[chosen])) chosen = s;
    }
    filled[chosen] += size;
    for (const auto m : c->members)
      if (items[m].split != kSplits[chosen]) result.moves.push_back({items[m].id, items[m].split, kSplits[chosen]});
  }
  std::sort(result.moves.begin(), result.moves.end(), [](const SplitMove& a, const SplitMove& b) { return a.item < b.item; });
  for (int s = 0; s < 3; ++s) {
    result.itemsPerSplit[kSplits[s]] = filled[s];
    result.targetPerSplit[kSplits[s]] = target[s];
  }
  return result;
}

}  // namespace loupe::analysis
