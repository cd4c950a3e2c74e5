#pragma once
// Reads across items and annotations in one query each: agreement, HLP, error analysis, the
// dataset browser, "next unlabeled" and training. Reached as Project::reads(). Read-only.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

namespace loupe::storage {

class DatasetReads {
 public:
  virtual ~DatasetReads() = default;
  // Every image label, ordered by item then labeler. One query, no per-row allocation.
  virtual void forEachImageLabel(const std::function<void(const ImageLabelRow&)>& fn,
                                 std::optional<Id> labelerId = std::nullopt) const = 0;
  // Every box (by one labeler when given), ordered by item then id.
  virtual void forEachBox(const std::function<void(const Annotation&)>& fn,
                          std::optional<Id> labelerId = std::nullopt) const = 0;

  // A page of the filtered items in id order, each with `labelerId`'s box count and image label:
  // two queries per page however many items and labels it holds.
  virtual std::vector<BrowserItemRow> browserRows(const ItemFilter& filter, std::int64_t offset, std::int64_t limit,
                                                  Id labelerId) const = 0;
  // The same for these items in the order given, skipping ids that do not exist. One query.
  virtual std::vector<BrowserItemRow> browserRowsOf(const std::vector<Id>& ids, Id labelerId) const = 0;
  // "Next unlabeled": the first item after `after` in id order, wrapping around, that matches
  // `filter`, has no annotation by `labelerId` and, unless `restrictTo` is empty, is one of those
  // ids. Never `after` itself; nullopt when no other item qualifies.
  virtual std::optional<Id> nextUnlabeled(ItemFilter filter, Id labelerId, Id after,
                                          const std::vector<Id>& restrictTo = {}) const = 0;

  // Items of `split` that have an image label by `labelerId`, with media, in id order.
  // Items without media are skipped. Calls fn per item so 60k images need not fit in memory.
  virtual void forEachTrainingSample(Split split, Id labelerId,
                                     const std::function<void(const TrainingSample&)>& fn) const = 0;
};

}  // namespace loupe::storage
