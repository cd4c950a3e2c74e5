#pragma once
// "Next unlabeled" in uncertainty order for an interactive session: the waiting items are ranked
// once by the newest classifier (ranking every item on each key press would cost a pass of the
// model over the whole project), then each request takes the first ranked item that is still
// unlabelled by the labeler and matches the current filter. A newer classifier, another labeler
// or another split re-ranks.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/active_learning/next_items.h"
#include "storage/project.h"

namespace loupe::storage {

class UncertaintyQueue {
 public:
  struct Next {
    Id itemId = 0;
    double score = 0.0;
  };
  // The most uncertain item, other than `after`, that `labelerId` has not labelled and that
  // matches `filter` (and is one of `restrictTo` unless that is empty). Throws
  // std::invalid_argument when no classifier is stored. nullopt when nothing waits.
  std::optional<Next> next(const storage::Project& project, Id labelerId, const ItemFilter& filter, Id after,
                           const std::vector<Id>& restrictTo = {});
  // The classifier of the current ranking ("" before the first request).
  const std::string& model() const { return model_; }

 private:
  std::string model_;
  Id labeler_ = 0;
  std::optional<Split> split_;
  std::vector<Id> ranked_;
  std::map<Id, double> scores_;
};

}  // namespace loupe::storage
