// Classes: name (unique), colour, hotkey and display order.
#include <array>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/domain/names.h"
#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {
constexpr const char* kSelect = "SELECT id, name, color, hotkey, sort_order FROM classes";

// Distinct, colour-blind-friendly defaults (Okabe-Ito, then Tableau) for classes without a colour.
constexpr std::array<const char*, 12> kPalette{
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00",
    "#cc79a7", "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f"};

ClassDef readClass(const sql::Statement& st) {
  return ClassDef{st.int64(0), st.text(1), st.text(2), st.text(3), st.int32(4)};
}

void requireName(const std::string& name) {
  if (std::string problem = nameProblem(name, NameKind::Class); !problem.empty()) throw std::invalid_argument(problem);
}
}  // namespace

ClassDef detail::SqlClassStore::add(const std::string& name, const std::string& color, const std::string& hotkey) {
  requireName(name);
  if (byName(name)) throw std::invalid_argument("class '" + name + "' already exists");
  sql::Transaction tx(*db_);
  auto st = db_->prepare("SELECT COUNT(*), COALESCE(MAX(sort_order) + 1, 0) FROM classes");
  st.step();
  const auto count = st.int64(0);
  const int order = st.int32(1);
  const std::string c = color.empty() ? kPalette[static_cast<std::size_t>(count) % kPalette.size()] : color;
  if (!hotkey.empty())
    db_->prepare("UPDATE classes SET hotkey = '' WHERE hotkey = ?").bind(1, hotkey).run();
  db_->prepare("INSERT INTO classes (name, color, hotkey, sort_order) VALUES (?, ?, ?, ?)")
      .bind(1, name)
      .bind(2, c)
      .bind(3, hotkey)
      .bind(4, order)
      .run();
  const Id id = db_->lastInsertId();
  logChange("add", "class", id, nlohmann::json{{"name", name}, {"color", c}, {"hotkey", hotkey}}.dump());
  tx.commit();
  return ClassDef{id, name, c, hotkey, order};
}

ClassDef detail::SqlClassStore::ensure(const std::string& name) {
  if (auto existing = byName(name)) return *existing;
  return add(name, {}, {});
}

std::vector<ClassDef> detail::SqlClassStore::all() const {
  auto st = db_->prepare(std::string(kSelect) + " ORDER BY sort_order, id");
  std::vector<ClassDef> out;
  while (st.step()) out.push_back(readClass(st));
  return out;
}

std::optional<ClassDef> detail::SqlClassStore::byId(Id id) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readClass(st);
}

std::optional<ClassDef> detail::SqlClassStore::byName(const std::string& name) const {
  auto st = db_->prepare(std::string(kSelect) + " WHERE name = ?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readClass(st);
}

void detail::SqlClassStore::rename(Id id, const std::string& name) {
  requireName(name);
  auto existing = byName(name);
  if (existing && existing->id != id) throw std::invalid_argument("class '" + name + "' already exists");
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE classes SET name = ? WHERE id = ?").bind(1, name).bind(2, id).run();
  detail::requireChanged(*db_, "class", id);
  logChange("rename", "class", id, nlohmann::json{{"name", name}}.dump());
  tx.commit();
}

void detail::SqlClassStore::setColor(Id id, const std::string& color) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE classes SET color = ? WHERE id = ?").bind(1, color).bind(2, id).run();
  detail::requireChanged(*db_, "class", id);
  logChange("recolor", "class", id, nlohmann::json{{"color", color}}.dump());
  tx.commit();
}

void detail::SqlClassStore::setHotkey(Id id, const std::string& hotkey) {
  sql::Transaction tx(*db_);
  if (!hotkey.empty())
    db_->prepare("UPDATE classes SET hotkey = '' WHERE hotkey = ? AND id <> ?").bind(1, hotkey).bind(2, id).run();
  db_->prepare("UPDATE classes SET hotkey = ? WHERE id = ?").bind(1, hotkey).bind(2, id).run();
  detail::requireChanged(*db_, "class", id);
  logChange("hotkey", "class", id, nlohmann::json{{"hotkey", hotkey}}.dump());
  tx.commit();
}

void detail::SqlClassStore::reorder(const std::vector<Id>& orderedIds) {
  const auto current = all();
  std::set<Id> known;
  for (const auto& c : current) known.insert(c.id);
  const std::set<Id> given(orderedIds.begin(), orderedIds.end());
  if (given != known || given.size() != orderedIds.size())
    throw std::invalid_argument("reorderClasses: the ids must list every class exactly once");
  sql::Transaction tx(*db_);
  for (std::size_t i = 0; i < orderedIds.size(); ++i)
    db_->prepare("UPDATE classes SET sort_order = ? WHERE id = ?")
        .bind(1, static_cast<std::int64_t>(i))
        .bind(2, orderedIds[i])
        .run();
  logChange("reorder", "class", std::nullopt, nlohmann::json{{"order", orderedIds}}.dump());
  tx.commit();
}

MergeResult detail::SqlClassStore::merge(Id from, Id into) {
  if (from == into) throw std::invalid_argument("cannot merge a class into itself");
  const auto source = byId(from);
  if (!source) throw std::invalid_argument("class " + std::to_string(from) + " does not exist");
  if (!byId(into)) throw std::invalid_argument("class " + std::to_string(into) + " does not exist");
  MergeResult result;
  result.removed = *source;
  sql::Transaction tx(*db_);
  {
    auto st = db_->prepare("SELECT id FROM annotations WHERE class_id = ? ORDER BY id");
    st.bind(1, from);
    while (st.step()) result.movedAnnotationIds.push_back(st.int64(0));
  }
  db_->prepare("UPDATE annotations SET class_id = ?, updated = ? WHERE class_id = ?")
      .bind(1, into)
      .bind(2, nowUtc())
      .bind(3, from)
      .run();
  db_->prepare("DELETE FROM classes WHERE id = ?").bind(1, from).run();
  logChange("merge", "class", from,
            nlohmann::json{{"into", into}, {"name", source->name}, {"moved", result.movedAnnotationIds.size()}}
                .dump());
  tx.commit();
  return result;
}

void detail::SqlClassStore::remove(Id id) {
  auto st = db_->prepare("SELECT COUNT(*) FROM annotations WHERE class_id = ?");
  st.bind(1, id);
  st.step();
  if (st.int64(0) > 0)
    throw std::invalid_argument("class " + std::to_string(id) + " still has " +
                                std::to_string(st.int64(0)) + " annotations; merge it instead");
  sql::Transaction tx(*db_);
  db_->prepare("DELETE FROM classes WHERE id = ?").bind(1, id).run();
  detail::requireChanged(*db_, "class", id);
  logChange("delete", "class", id, "{}");
  tx.commit();
}

void detail::SqlClassStore::restore(const ClassDef& cls) {
  sql::Transaction tx(*db_);
  db_->prepare("INSERT INTO classes (id, name, color, hotkey, sort_order) VALUES (?, ?, ?, ?, ?)")
      .bind(1, cls.id)
      .bind(2, cls.name)
      .bind(3, cls.color)
      .bind(4, cls.hotkey)
      .bind(5, cls.order)
      .run();
  logChange("restore", "class", cls.id, nlohmann::json{{"name", cls.name}}.dump());
  tx.commit();
}

std::optional<std::int64_t> detail::SqlClassStore::fileId(Id id) const {
  auto st = db_->prepare("SELECT file_id FROM classes WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return st.optInt64(0);
}

void detail::SqlClassStore::setFileId(Id id, std::optional<std::int64_t> fileId) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE classes SET file_id = ? WHERE id = ?").bind(1, fileId).bind(2, id).run();
  detail::requireChanged(*db_, "class", id);
  tx.commit();
}

}  // namespace loupe::storage
