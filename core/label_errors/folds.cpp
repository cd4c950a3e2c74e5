#include "core/label_errors/folds.h"

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>

namespace loupe::label_errors {

std::vector<int> assignFolds(const std::vector<int>& labels, const std::vector<std::string>& groups, int folds,
                             std::uint64_t seed) {
  if (folds < 2) throw std::invalid_argument("cross-validation needs at least 2 folds");
  if (groups.size() != labels.size()) throw std::invalid_argument("one group key per item expected");

  // Units: a group's items, or a lone item. A unit's stratum is its most common label.
  std::vector<std::vector<int>> units;
  std::map<std::string, std::size_t> unitOfGroup;
  for (std::size_t n = 0; n < labels.size(); ++n) {
    if (groups[n].empty()) {
      units.push_back({static_cast<int>(n)});
      continue;
    }
    auto [it, fresh] = unitOfGroup.emplace(groups[n], units.size());
    if (fresh) units.emplace_back();
    units[it->second].push_back(static_cast<int>(n));
  }
  if (units.size() < static_cast<std::size_t>(folds))
    throw std::invalid_argument(std::to_string(units.size()) + " groups of items cannot fill " +
                                std::to_string(folds) + " folds");

  std::map<int, std::vector<std::size_t>> byStratum;
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::map<int, int> votes;
    for (int n : units[u]) ++votes[labels[static_cast<std::size_t>(n)]];
    const auto top = std::max_element(votes.begin(), votes.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
    byStratum[top->first].push_back(u);
  }

  // Deal each stratum's shuffled units to the currently smallest fold: classes stay balanced
  // across folds and big groups do not pile into one fold.
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> filled(static_cast<std::size_t>(folds), 0);
  std::vector<int> out(labels.size(), 0);
  for (auto& [stratum, members] : byStratum) {
    std::shuffle(members.begin(), members.end(), rng);
    std::stable_sort(members.begin(), members.end(),
                     [&](std::size_t a, std::size_t b) { return units[a].size() > units[b].size(); });
    for (std::size_t u : members) {
      const auto fold = static_cast<std::size_t>(std::min_element(filled.begin(), filled.end()) - filled.begin());
      filled[fold] += units[u].size();
      for (int n : units[u]) out[static_cast<std::size_t>(n)] = static_cast<int>(fold);
    }
  }
  return out;
}

}  // namespace loupe::label_errors
