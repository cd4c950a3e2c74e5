// Items: creation, filtered paging for a virtualized list, split/group/review edits, media.
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <variant>

#include "core/domain/names.h"
#include "storage/internal.h"
#include "storage/item_rows.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {

constexpr const char* kColumns =
    "items.id, items.name, items.media_id, items.width, items.height, items.split, "
    "items.group_key, items.source, items.content_hash, items.created, items.reviewed, "
    "items.ambiguous";

ItemRecord readItem(const sql::Statement& st) {
  ItemRecord r;
  r.item.id = st.int64(0);
  r.item.name = st.text(1);
  r.item.mediaId = st.optInt64(2);
  r.item.width = st.int32(3);
  r.item.height = st.int32(4);
  r.item.split = detail::splitFromDb(st.text(5));
  r.item.groupKey = st.text(6);
  r.item.source = st.text(7);
  r.item.contentHash = st.text(8);
  r.item.created = st.text(9);
  r.reviewed = st.int64(10) != 0;
  r.ambiguous = st.int64(11) != 0;
  return r;
}

// A WHERE clause and its parameters, built from an ItemFilter. The SQL text only depends on
// which fields are set, so the statement cache holds one statement per filter shape.
struct Where {
  std::string sql;
  std::vector<std::variant<std::int64_t, std::string>> params;

  void add(const std::string& condition) { sql += (sql.empty() ? " WHERE " : " AND ") + condition; }
  // Binds the parameters to 1..n and returns n + 1, the index of the next one.
  int bindTo(sql::Statement& st) const {
    int i = 1;
    for (const auto& p : params) {
      if (const auto* n = std::get_if<std::int64_t>(&p))
        st.bind(i++, *n);
      else
        st.bind(i++, std::get<std::string>(p));
    }
    return i;
  }
};

Where buildWhere(const ItemFilter& f) {
  Where w;
  if (f.split) {
    w.add("items.split = ?");
    w.params.emplace_back(std::string(toString(*f.split)));
  }
  if (f.classId) {
    if (f.labelerId) {
      w.add("items.id IN (SELECT item_id FROM annotations WHERE class_id = ? AND labeler_id = ?)");
      w.params.emplace_back(*f.classId);
      w.params.emplace_back(*f.labelerId);
    } else {
      w.add("items.id IN (SELECT item_id FROM annotations WHERE class_id = ?)");
      w.params.emplace_back(*f.classId);
    }
  }
  if (f.unlabeled) {
    if (f.labelerId) {
      w.add("NOT EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = items.id AND a.labeler_id = ?)");
      w.params.emplace_back(*f.labelerId);
    } else {
      w.add("NOT EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = items.id)");
    }
  } else if (f.labelerId && !f.classId) {
    w.add("EXISTS (SELECT 1 FROM annotations a WHERE a.item_id = items.id AND a.labeler_id = ?)");
    w.params.emplace_back(*f.labelerId);
  }
  if (!f.attributeKey.empty()) {
    if (f.attributeValue.empty()) {
      w.add("EXISTS (SELECT 1 FROM item_attributes t WHERE t.item_id = items.id AND t.key = ?)");
      w.params.emplace_back(f.attributeKey);
    } else {
      w.add("EXISTS (SELECT 1 FROM item_attributes t WHERE t.item_id = items.id AND t.key = ? "
            "AND t.value = ?)");
      w.params.emplace_back(f.attributeKey);
      w.params.emplace_back(f.attributeValue);
    }
  }
  if (f.reviewed) {
    w.add("items.reviewed = ?");
    w.params.emplace_back(std::int64_t{*f.reviewed ? 1 : 0});
  }
  if (f.ambiguous) {
    w.add("items.ambiguous = ?");
    w.params.emplace_back(std::int64_t{*f.ambiguous ? 1 : 0});
  }
  if (f.hasDisagreement) {
    // Models are not labelers whose disagreement a reviewer must resolve.
    w.add("items.id IN (SELECT a.item_id FROM annotations a JOIN labelers l ON l.id = a.labeler_id "
          "WHERE a.kind = 'label' AND l.kind IN ('human', 'reference') "
          "GROUP BY a.item_id HAVING COUNT(DISTINCT a.class_id) > 1)");
  }
  if (!f.nameContains.empty()) {
    w.add("instr(lower(items.name), lower(?)) > 0");
    w.params.emplace_back(f.nameContains);
  }
  if (!f.sourcePrefix.empty()) {
    w.add("substr(items.source, 1, length(?)) = ?");
    w.params.emplace_back(f.sourcePrefix);
    w.params.emplace_back(f.sourcePrefix);
  }
  return w;
}

}  // namespace

Id detail::SqlItemStore::add(const NewItem& in) {
  if (std::string problem = nameProblem(in.name, NameKind::Item); !problem.empty()) throw std::invalid_argument(problem);
  for (const auto& [key, value] : in.attributes)
    if (std::string problem = attributeProblem(key, value); !problem.empty()) throw std::invalid_argument(problem);
  if (in.width < 0 || in.height < 0) throw std::invalid_argument("item '" + in.name + "': negative size");
  sql::Transaction tx(*db_);
  detail::ItemRow row{.name = in.name,
                      .width = in.width,
                      .height = in.height,
                      .split = in.split,
                      .groupKey = in.groupKey,
                      .source = in.source};
  if (in.media) {
    row.media = detail::MediaRow{in.media->format, in.media->bytes, in.media->externalPath};
    row.contentHash = in.media->sha256;
  }
  const std::string created = in.created.empty() ? nowUtc() : in.created;
  row.created = created;
  detail::ItemInserter insert(*db_);
  const Id id = insert.insert(row);
  for (const auto& [key, value] : in.attributes) insert.setAttribute(id, key, value);
  logChange("add", "item", id, nlohmann::json{{"name", in.name}, {"source", in.source}}.dump());
  tx.commit();
  return id;
}

Id detail::SqlItemStore::addCapture(const Capture& capture) {
  if (capture.labelClassId && !capture.labelerId)
    throw std::invalid_argument("a capture label needs the labeler who gave it");
  sql::Transaction tx(*db_);
  NewItem item = capture.item;
  item.source = "device:" + capture.deviceId;
  const Id id = add(item);
  if (capture.labelClassId) {
    Annotation a;
    a.itemId = id;
    a.labelerId = *capture.labelerId;
    a.classId = *capture.labelClassId;
    a.kind = AnnotationKind::ImageLabel;
    s_.annotations.add(a);
  }
  tx.commit();
  return id;
}

void detail::SqlItemStore::remove(Id id) {
  sql::Transaction tx(*db_);
  const auto record = byId(id);
  if (!record) throw std::invalid_argument("no item with id " + std::to_string(id));
  // Annotations and attributes go by ON DELETE CASCADE; the media row is the item's own.
  db_->prepare("DELETE FROM items WHERE id = ?").bind(1, id).run();
  if (record->item.mediaId) db_->prepare("DELETE FROM media WHERE id = ?").bind(1, *record->item.mediaId).run();
  logChange("delete", "item", id, nlohmann::json{{"name", record->item.name}, {"source", record->item.source}}.dump());
  tx.commit();
}

std::optional<ItemRecord> detail::SqlItemStore::byId(Id id) const {
  auto st = db_->prepare(std::string("SELECT ") + kColumns + " FROM items WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readItem(st);
}

std::optional<ItemRecord> detail::SqlItemStore::byName(const std::string& name) const {
  auto st = db_->prepare(std::string("SELECT ") + kColumns + " FROM items WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readItem(st);
}

std::int64_t detail::SqlItemStore::count(const ItemFilter& filter) const {
  const Where w = buildWhere(filter);
  auto st = db_->prepare("SELECT COUNT(*) FROM items" + w.sql);
  w.bindTo(st);
  st.step();
  return st.int64(0);
}

std::vector<ItemRecord> detail::SqlItemStore::page(const ItemFilter& filter, std::int64_t offset, std::int64_t limit) const {
  const Where w = buildWhere(filter);
  auto st = db_->prepare(std::string("SELECT ") + kColumns + " FROM items" + w.sql +
                         " ORDER BY items.id LIMIT ? OFFSET ?");
  const int next = w.bindTo(st);
  st.bind(next, limit).bind(next + 1, offset);
  std::vector<ItemRecord> out;
  while (st.step()) out.push_back(readItem(st));
  return out;
}

std::vector<Id> detail::SqlItemStore::ids(const ItemFilter& filter) const {
  const Where w = buildWhere(filter);
  auto st = db_->prepare("SELECT items.id FROM items" + w.sql + " ORDER BY items.id");
  w.bindTo(st);
  std::vector<Id> out;
  while (st.step()) out.push_back(st.int64(0));
  return out;
}

std::vector<ItemRecord> detail::SqlItemStore::byIds(const std::vector<Id>& ids) const {
  std::vector<ItemRecord> out;
  out.reserve(ids.size());
  auto st = db_->prepare(std::string("SELECT ") + kColumns + " FROM items WHERE id = ?");
  for (Id id : ids) {
    st.bind(1, id);
    if (st.step()) out.push_back(readItem(st));
    st.reset();
  }
  return out;
}

std::optional<std::int64_t> detail::SqlItemStore::rowOf(const ItemFilter& filter, Id id) const {
  const Where w = buildWhere(filter);
  {
    auto st = db_->prepare("SELECT 1 FROM items" + w.sql + (w.sql.empty() ? " WHERE" : " AND") +
                           " items.id = ?");
    st.bind(w.bindTo(st), id);
    if (!st.step()) return std::nullopt;
  }
  auto st = db_->prepare("SELECT COUNT(*) FROM items" + w.sql + (w.sql.empty() ? " WHERE" : " AND") +
                         " items.id < ?");
  st.bind(w.bindTo(st), id);
  st.step();
  return st.int64(0);
}

void detail::SqlItemStore::setSplit(Id id, Split split) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE items SET split = ? WHERE id = ?").bind(1, toString(split)).bind(2, id).run();
  detail::requireChanged(*db_, "item", id);
  logChange("split", "item", id, nlohmann::json{{"split", std::string(toString(split))}, {"items", std::vector<Id>{id}}}.dump());
  tx.commit();
}

void detail::SqlItemStore::setGroupKey(Id id, const std::string& groupKey) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE items SET group_key = ? WHERE id = ?").bind(1, groupKey).bind(2, id).run();
  detail::requireChanged(*db_, "item", id);
  logChange("group", "item", id, nlohmann::json{{"group", groupKey}}.dump());
  tx.commit();
}

void detail::SqlItemStore::setReviewed(Id id, bool reviewed) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE items SET reviewed = ? WHERE id = ?").bind(1, reviewed ? 1 : 0).bind(2, id).run();
  detail::requireChanged(*db_, "item", id);
  logChange("review", "item", id, nlohmann::json{{"reviewed", reviewed}}.dump());
  tx.commit();
}

void detail::SqlItemStore::setAmbiguous(Id id, bool ambiguous) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE items SET ambiguous = ? WHERE id = ?").bind(1, ambiguous ? 1 : 0).bind(2, id).run();
  detail::requireChanged(*db_, "item", id);
  logChange("ambiguous", "item", id, nlohmann::json{{"ambiguous", ambiguous}}.dump());
  tx.commit();
}

std::optional<MediaBlob> detail::SqlItemStore::media(Id itemId) const {
  auto st = db_->prepare("SELECT m.bytes, m.format, m.external_path, m.sha256 FROM items i "
                         "JOIN media m ON m.id = i.media_id WHERE i.id = ?");
  st.bind(1, itemId);
  if (!st.step()) return std::nullopt;
  MediaBlob blob{st.blob(0), st.text(1), st.text(2), st.text(3)};
  if (!blob.externalPath.empty()) {
    blob.bytes = detail::readExternalMedia(path_, blob.externalPath);
  }
  return blob;
}

}  // namespace loupe::storage
