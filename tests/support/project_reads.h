#pragma once
// Reads only tests make of a project: the change log, convenience collections over the storage
// interfaces, and the raw connection for tests of the schema's own rules (triggers, constraints).
// Kept here so the storage API has no methods that only tests call.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/project.h"
#include "storage/sql/connection.h"

namespace loupe::test {

// The project's own connection (the same transaction state, the same locks as the Project).
inline storage::sql::Connection& sqlOf(const storage::Project& project) { return storage::detail::connection(project); }

struct ChangeLogEntry {
  Id id = 0;
  std::string time;
  std::optional<Id> labelerId;
  std::string action;  // "add", "update", "delete", "restore", "merge", "import", ...
  std::string entity;  // "annotation", "class", "item", "labeler", "dataset", ...
  std::optional<Id> entityId;
  std::string detailJson;
};

// The newest `limit` change-log entries, newest first.
inline std::vector<ChangeLogEntry> changeLog(const storage::Project& project, std::int64_t limit = 100) {
  auto st = sqlOf(project).prepare(
      "SELECT id, time, labeler_id, action, entity, entity_id, detail FROM change_log ORDER BY id DESC LIMIT ?");
  st.bind(1, limit);
  std::vector<ChangeLogEntry> out;
  while (st.step())
    out.push_back({st.int64(0), st.text(1), st.optInt64(2), st.text(3), st.text(4), st.optInt64(5), st.text(6)});
  return out;
}

// Boxes grouped per item (by one labeler when given).
inline std::map<Id, std::vector<Annotation>> boxesByItem(const storage::DatasetReads& reads,
                                                         std::optional<Id> labelerId = std::nullopt) {
  std::map<Id, std::vector<Annotation>> out;
  reads.forEachBox([&](const Annotation& a) { out[a.itemId].push_back(a); }, labelerId);
  return out;
}

// Every training sample of `split` by `labelerId`, in id order.
inline std::vector<storage::TrainingSample> trainingSamples(const storage::DatasetReads& reads, Split split,
                                                            Id labelerId) {
  std::vector<storage::TrainingSample> out;
  reads.forEachTrainingSample(split, labelerId, [&](const storage::TrainingSample& s) { out.push_back(s); });
  return out;
}

// Split, source and group of every item, in id order.
struct ItemPlacement {
  Id itemId = 0;
  Split split = Split::Unassigned;
  std::string source;
  std::string groupKey;
};

inline std::vector<ItemPlacement> itemPlacements(const storage::ItemStore& items) {
  std::vector<ItemPlacement> out;
  for (const auto& r : items.byIds(items.ids())) out.push_back({r.item.id, r.item.split, r.item.source, r.item.groupKey});
  return out;
}

}  // namespace loupe::test
