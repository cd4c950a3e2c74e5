#include "storage/active_learning/uncertainty_queue.h"

#include <limits>
#include <set>
#include <stdexcept>

namespace loupe::storage {

std::optional<UncertaintyQueue::Next> UncertaintyQueue::next(const storage::Project& project, Id labelerId,
                                                             const ItemFilter& filter, Id after,
                                                             const std::vector<Id>& restrictTo) {
  const auto newest = newestClassifier(project);
  if (!newest) throw std::invalid_argument("uncertainty order needs a trained classifier");
  if (*newest != model_ || labelerId != labeler_ || filter.split != split_) {
    const auto labeler = project.labelers().byId(labelerId);
    if (!labeler) throw std::invalid_argument("unknown labeler id " + std::to_string(labelerId));
    NextRequest request{.labeler = labeler->name,
                        .order = NextOrder::Uncertainty,
                        .model = *newest,
                        .count = std::numeric_limits<std::size_t>::max(),
                        .split = filter.split};
    ranked_.clear();
    scores_.clear();
    for (const auto& item : nextItems(project, request).items) {
      ranked_.push_back(item.itemId);
      if (item.score) scores_[item.itemId] = *item.score;
    }
    model_ = *newest;
    labeler_ = labelerId;
    split_ = filter.split;
  }

  ItemFilter waiting = filter;
  waiting.labelerId = labelerId;
  waiting.unlabeled = true;
  const auto ids = project.items().ids(waiting);
  std::set<Id> allowed(ids.begin(), ids.end());
  if (!restrictTo.empty()) {
    std::set<Id> only(restrictTo.begin(), restrictTo.end());
    std::erase_if(allowed, [&](Id id) { return !only.count(id); });
  }
  for (Id id : ranked_)
    if (id != after && allowed.count(id)) return Next{id, scores_.count(id) ? scores_.at(id) : 0.0};
  // Items added since the ranking are not in it: offer them in id order rather than none.
  for (Id id : allowed)
    if (id != after) return Next{id, 0.0};
  return std::nullopt;
}

}  // namespace loupe::storage
