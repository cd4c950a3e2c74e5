#include "core/consensus/consensus.h"

#include <stdexcept>
#include <string>

namespace loupe::consensus {
namespace {

void check(bool ok, std::size_t index, const Rating& r, const std::string& what) {
  if (ok) return;
  throw std::invalid_argument("rating " + std::to_string(index) + " (item " + std::to_string(r.item) + ", labeler " +
                              std::to_string(r.labeler) + ", label " + std::to_string(r.label) + "): " + what);
}

}  // namespace

void validate(const ConsensusInput& input) {
  if (input.items < 0 || input.labelers < 0)
    throw std::invalid_argument("consensus input: negative number of items or labelers");
  if (input.classes < 1) throw std::invalid_argument("consensus input: needs at least one class");
  for (std::size_t i = 0; i < input.ratings.size(); ++i) {
    const Rating& r = input.ratings[i];
    check(r.item >= 0 && r.item < input.items, i, r, "item outside 0.." + std::to_string(input.items - 1));
    check(r.labeler >= 0 && r.labeler < input.labelers, i, r,
          "labeler outside 0.." + std::to_string(input.labelers - 1));
    check(r.label >= 0 && r.label < input.classes, i, r, "label outside 0.." + std::to_string(input.classes - 1));
  }
}

int mostProbable(const std::vector<double>& posterior) {
  int best = -1;
  for (std::size_t k = 0; k < posterior.size(); ++k)
    if (best < 0 || posterior[k] > posterior[static_cast<std::size_t>(best)]) best = static_cast<int>(k);
  return best;
}

}  // namespace loupe::consensus
