// The dataset browser's reads: a page of rows with one labeler's work on each, and "next
// unlabeled". The browser pages through a million items, so a page costs a fixed number of
// queries, not one per item and label.
#include <algorithm>
#include <set>
#include <string>

#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {

std::vector<BrowserItemRow> detail::SqlDatasetReads::browserRowsOf(const std::vector<Id>& ids, Id labelerId) const {
  // The ids travel as one JSON array so the statement text (and its cache entry) never changes.
  std::string list = "[";
  for (const Id id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
  list += "]";
  // Should a labeler have given two image labels, the latest is the one shown (as everywhere).
  auto st = db_->prepare(
      "SELECT i.id, i.name, i.split, i.reviewed, "
      "  (SELECT COUNT(*) FROM annotations a WHERE a.item_id = i.id AND a.labeler_id = ?1 AND a.kind = 'box'), "
      "  (SELECT c.name FROM annotations a JOIN classes c ON c.id = a.class_id "
      "   WHERE a.item_id = i.id AND a.labeler_id = ?1 AND a.kind = 'label' ORDER BY a.id DESC LIMIT 1) "
      "FROM json_each(?2) j JOIN items i ON i.id = j.value ORDER BY j.key");
  st.bind(1, labelerId).bind(2, list);
  std::vector<BrowserItemRow> out;
  out.reserve(ids.size());
  while (st.step()) {
    BrowserItemRow row;
    row.id = st.int64(0);
    row.name = st.text(1);
    row.split = detail::splitFromDb(st.text(2));
    row.reviewed = st.int64(3) != 0;
    row.boxes = static_cast<int>(st.int64(4));
    row.imageLabel = st.text(5);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<BrowserItemRow> detail::SqlDatasetReads::browserRows(const ItemFilter& filter, std::int64_t offset, std::int64_t limit,
                                                 Id labelerId) const {
  std::vector<Id> ids;
  for (const ItemRecord& r : s_.items.page(filter, offset, limit)) ids.push_back(r.item.id);
  return browserRowsOf(ids, labelerId);
}

std::optional<Id> detail::SqlDatasetReads::nextUnlabeled(ItemFilter filter, Id labelerId, Id after,
                                             const std::vector<Id>& restrictTo) const {
  filter.unlabeled = true;
  filter.labelerId = labelerId;
  std::vector<Id> ids = s_.items.ids(filter);  // in id order
  if (!restrictTo.empty()) {
    const std::set<Id> allowed(restrictTo.begin(), restrictTo.end());
    std::erase_if(ids, [&](Id id) { return !allowed.contains(id); });
  }
  std::erase(ids, after);
  if (ids.empty()) return std::nullopt;
  const auto next = std::upper_bound(ids.begin(), ids.end(), after);
  return next == ids.end() ? ids.front() : *next;
}

}  // namespace loupe::storage
