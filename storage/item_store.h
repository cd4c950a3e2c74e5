#pragma once
// Items (one image or labels-only entry each) and their media. Reached as Project::items(); the
// rules of storage/project.h apply (one transaction per write, logged).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

namespace loupe::storage {

class ItemStore {
 public:
  virtual ~ItemStore() = default;
  virtual Id add(const NewItem& item) = 0;
  // One transaction: the item, its attributes and the optional device label.
  virtual Id addCapture(const Capture& capture) = 0;
  // Removes an item with its annotations, attributes and media (the undo of a capture). Throws
  // std::invalid_argument for an unknown id.
  virtual void remove(Id id) = 0;
  virtual std::optional<ItemRecord> byId(Id id) const = 0;
  virtual std::optional<ItemRecord> byName(const std::string& name) const = 0;
  virtual std::int64_t count(const ItemFilter& filter = {}) const = 0;
  // A page of matching items ordered by id, for a virtualized list: rows [offset, offset+limit).
  virtual std::vector<ItemRecord> page(const ItemFilter& filter, std::int64_t offset, std::int64_t limit) const = 0;
  // Every matching id in id order (100k ids are 800 KB; fetch records by page or by ids).
  virtual std::vector<Id> ids(const ItemFilter& filter = {}) const = 0;
  // Records of the given ids, in the order given; unknown ids are skipped.
  virtual std::vector<ItemRecord> byIds(const std::vector<Id>& ids) const = 0;
  // Row of `id` within the filtered id order, for "jump to item"; nullopt when filtered out.
  virtual std::optional<std::int64_t> rowOf(const ItemFilter& filter, Id id) const = 0;
  virtual void setSplit(Id id, Split split) = 0;
  virtual void setGroupKey(Id id, const std::string& groupKey) = 0;
  virtual void setReviewed(Id id, bool reviewed) = 0;
  virtual void setAmbiguous(Id id, bool ambiguous) = 0;
  // Encoded bytes of the item's image; nullopt for a labels-only item. External media is read
  // from disk (throws if the file is gone).
  virtual std::optional<MediaBlob> media(Id itemId) const = 0;
};

}  // namespace loupe::storage
