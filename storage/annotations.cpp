// Annotations: image labels and boxes, each edit one committed, logged write.
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "storage/internal.h"
#include "storage/sql_stores.h"

namespace loupe::storage {
namespace {

nlohmann::json describe(const Annotation& a) {
  nlohmann::json j{{"item", a.itemId}, {"labeler", a.labelerId}, {"class", a.classId},
                   {"kind", std::string(toString(a.kind))}};
  if (a.kind == AnnotationKind::Box) j["box"] = {a.box.x, a.box.y, a.box.w, a.box.h};
  if (a.score) j["score"] = *a.score;
  return j;
}

// Import's box rule (core/formats/box_checks) against the item's stored size, for every writer.
// The canvas already clamps what is drawn, so this is the safety net: nothing reaches the file
// that importing the same box would refuse. An item that does not exist is left to the write
// itself to refuse (foreign key, or requireChanged).
class BoxRule {
 public:
  explicit BoxRule(sql::Connection& db)
      : byItem_(db.prepare("SELECT name, width, height FROM items WHERE id = ?")),
        byAnnotation_(db.prepare("SELECT i.name, i.width, i.height FROM annotations a "
                                 "JOIN items i ON i.id = a.item_id WHERE a.id = ?")) {}

  void requireOnItem(Id itemId, const Box& box) { require(byItem_, itemId, box); }
  void requireOnAnnotation(Id annotationId, const Box& box) { require(byAnnotation_, annotationId, box); }
  void requireOnItem(const Annotation& a) {
    if (a.kind == AnnotationKind::Box) requireOnItem(a.itemId, a.box);
  }

 private:
  static void require(sql::Statement& st, Id id, const Box& box) {
    st.bind(1, id);
    std::string name;
    int width = 0;
    int height = 0;
    if (st.step()) {
      name = st.text(0);
      width = st.int32(1);
      height = st.int32(2);
    }
    st.reset();
    if (std::string problem = boxProblem(box, width, height); !problem.empty())
      throw std::invalid_argument("item '" + printableName(name) + "': " + problem);
  }

  sql::Statement byItem_;
  sql::Statement byAnnotation_;
};

// Binds an annotation's columns (item..updated) starting at parameter `first`.
void bindAnnotation(sql::Statement& st, int first, const Annotation& a) {
  st.bind(first + 0, a.itemId).bind(first + 1, a.labelerId).bind(first + 2, a.classId);
  st.bind(first + 3, toString(a.kind));
  if (a.kind == AnnotationKind::Box) {
    st.bind(first + 4, a.box.x).bind(first + 5, a.box.y).bind(first + 6, a.box.w).bind(first + 7, a.box.h);
  } else {
    for (int i = 4; i < 8; ++i) st.bindNull(first + i);
  }
  st.bind(first + 8, a.score).bind(first + 9, a.created).bind(first + 10, a.updated);
}

}  // namespace

Annotation detail::SqlAnnotationStore::add(const Annotation& in) {
  Annotation a = in;
  a.created = a.updated = nowUtc();
  sql::Transaction tx(*db_);
  BoxRule(*db_).requireOnItem(a);
  auto st = db_->prepare("INSERT INTO annotations (item_id, labeler_id, class_id, kind, x, y, w, h, score, "
                         "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bindAnnotation(st, 1, a);
  st.run();
  a.id = db_->lastInsertId();
  logChange("add", "annotation", a.id, describe(a).dump());
  tx.commit();
  return a;
}

std::optional<Annotation> detail::SqlAnnotationStore::byId(Id id) const {
  auto st = db_->prepare(std::string("SELECT ") + detail::kAnnotationColumns + " FROM annotations WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return detail::readAnnotation(st);
}

std::vector<Annotation> detail::SqlAnnotationStore::of(Id itemId, std::optional<Id> labelerId) const {
  std::vector<Annotation> out;
  if (labelerId) {
    auto st = db_->prepare(std::string("SELECT ") + detail::kAnnotationColumns +
                           " FROM annotations WHERE item_id = ? AND labeler_id = ? ORDER BY id");
    st.bind(1, itemId).bind(2, *labelerId);
    while (st.step()) out.push_back(detail::readAnnotation(st));
  } else {
    auto st = db_->prepare(std::string("SELECT ") + detail::kAnnotationColumns +
                           " FROM annotations WHERE item_id = ? ORDER BY id");
    st.bind(1, itemId);
    while (st.step()) out.push_back(detail::readAnnotation(st));
  }
  return out;
}

void detail::SqlAnnotationStore::setClass(Id id, Id classId) {
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE annotations SET class_id = ?, updated = ? WHERE id = ?")
      .bind(1, classId)
      .bind(2, nowUtc())
      .bind(3, id)
      .run();
  detail::requireChanged(*db_, "annotation", id);
  logChange("update", "annotation", id, nlohmann::json{{"class", classId}}.dump());
  tx.commit();
}

void detail::SqlAnnotationStore::setBox(Id id, const Box& box) {
  sql::Transaction tx(*db_);
  BoxRule(*db_).requireOnAnnotation(id, box);
  db_->prepare("UPDATE annotations SET x = ?, y = ?, w = ?, h = ?, updated = ? WHERE id = ? AND kind = 'box'")
      .bind(1, box.x)
      .bind(2, box.y)
      .bind(3, box.w)
      .bind(4, box.h)
      .bind(5, nowUtc())
      .bind(6, id)
      .run();
  detail::requireChanged(*db_, "box annotation", id);
  logChange("update", "annotation", id, nlohmann::json{{"box", {box.x, box.y, box.w, box.h}}}.dump());
  tx.commit();
}

Annotation detail::SqlAnnotationStore::remove(Id id) {
  sql::Transaction tx(*db_);
  const auto existing = byId(id);
  if (!existing) throw std::invalid_argument("annotation " + std::to_string(id) + " does not exist");
  db_->prepare("DELETE FROM annotations WHERE id = ?").bind(1, id).run();
  logChange("delete", "annotation", id, describe(*existing).dump());
  tx.commit();
  return *existing;
}

void detail::SqlAnnotationStore::restore(const Annotation& a) {
  if (a.id <= 0) throw std::invalid_argument("restoreAnnotation needs the original id");
  Annotation r = a;
  if (r.created.empty()) r.created = nowUtc();
  if (r.updated.empty()) r.updated = r.created;
  sql::Transaction tx(*db_);
  BoxRule(*db_).requireOnItem(r);
  auto st = db_->prepare("INSERT INTO annotations (id, item_id, labeler_id, class_id, kind, x, y, w, h, score, "
                         "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, r.id);
  bindAnnotation(st, 2, r);
  st.run();
  logChange("restore", "annotation", r.id, describe(r).dump());
  tx.commit();
}

void detail::SqlAnnotationStore::replace(Id labelerId, const std::vector<Annotation>& annotations,
                                 const std::vector<Id>& onItems) {
  sql::Transaction tx(*db_);
  {
    BoxRule rule(*db_);
    for (const auto& a : annotations) rule.requireOnItem(a);
  }
  if (onItems.empty()) {
    db_->prepare("DELETE FROM annotations WHERE labeler_id = ?").bind(1, labelerId).run();
  } else {
    auto del = db_->prepare("DELETE FROM annotations WHERE labeler_id = ? AND item_id = ?");
    for (Id item : onItems) {
      del.bind(1, labelerId).bind(2, item).run();
    }
  }
  const std::string now = nowUtc();
  auto ins = db_->prepare("INSERT INTO annotations (item_id, labeler_id, class_id, kind, x, y, w, h, score, "
                          "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const auto& in : annotations) {
    Annotation a = in;
    a.labelerId = labelerId;
    a.created = a.updated = now;
    bindAnnotation(ins, 1, a);
    ins.run();
  }
  logChange("replace", "annotation", std::nullopt,
            nlohmann::json{{"labeler", labelerId}, {"items", onItems.size()}, {"added", annotations.size()}}
                .dump());
  tx.commit();
}

}  // namespace loupe::storage
