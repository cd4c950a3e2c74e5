#include "widgets/commands/annotation_commands.h"

#include <QObject>

#include <algorithm>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
constexpr int kNudgeCommandId = 0x4e55;  // 'NU'

// Puts a removed annotation back under its id, or fails when another process reused the id or
// removed the item meanwhile (rather than surfacing a constraint error).
void restoreChecked(storage::Project& p, const Annotation& a) {
  if (p.annotations().byId(a.id))
    throw storage::EditConflict("annotation " + std::to_string(a.id) + " was replaced by another process");
  if (!p.items().byId(a.itemId))
    throw storage::EditConflict("item " + std::to_string(a.itemId) + " was removed by another process");
  p.annotations().restore(a);
}

Annotation existing(const storage::Project& p, Id id) {
  const auto a = p.annotations().byId(id);
  if (!a) throw std::invalid_argument("annotation " + std::to_string(id) + " no longer exists");
  return *a;
}

Annotation withBox(Annotation a, const Box& box) {
  a.box = box;
  return a;
}

Annotation withClass(Annotation a, Id classId) {
  a.classId = classId;
  return a;
}
}  // namespace

AddAnnotationsCommand::AddAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Annotation> annotations,
                                             const QString& text)
    : StorageCommand(ws, itemId, text), pending_(std::move(annotations)) {}

void AddAnnotationsCommand::apply(storage::Project& p) {
  if (added_.empty()) {
    for (const Annotation& a : pending_) added_.push_back(p.annotations().add(a));
  } else {
    for (const Annotation& a : added_) restoreChecked(p, a);
  }
  for (const Annotation& a : added_) annotationChanged(a.id);
}

void AddAnnotationsCommand::revert(storage::Project& p) {
  for (auto it = added_.rbegin(); it != added_.rend(); ++it) {
    p.annotations().require(*it);
    p.annotations().remove(it->id);
    annotationRemoved(it->id);
  }
}

ChangeBoxesCommand::ChangeBoxesCommand(Workspace* ws, Id itemId, std::vector<BoxChange> changes, bool nudge)
    : StorageCommand(ws, itemId,
                     nudge ? QObject::tr("Nudge %n box(es)", "", static_cast<int>(changes.size()))
                           : QObject::tr("Move/resize box")),
      changes_(std::move(changes)),
      nudge_(nudge) {}

int ChangeBoxesCommand::id() const { return nudge_ ? kNudgeCommandId : -1; }

bool ChangeBoxesCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const ChangeBoxesCommand*>(other);
  if (o->itemId() != itemId() || o->changes_.size() != changes_.size()) return false;
  for (std::size_t i = 0; i < changes_.size(); ++i)
    if (o->changes_[i].annotationId != changes_[i].annotationId) return false;
  for (std::size_t i = 0; i < changes_.size(); ++i) changes_[i].after = o->changes_[i].after;
  return true;
}

void ChangeBoxesCommand::apply(storage::Project& p) {
  if (!reapplying()) {
    // Undo goes back to what the file held, even if the screen was a moment behind it.
    rows_.clear();
    for (BoxChange& c : changes_) {
      rows_.push_back(existing(p, c.annotationId));
      c.before = rows_.back().box;
    }
  }
  for (std::size_t i = 0; i < changes_.size(); ++i) {
    const BoxChange& c = changes_[i];
    if (reapplying()) p.annotations().require(withBox(rows_[i], c.before));
    p.annotations().setBox(c.annotationId, c.after);
    annotationChanged(c.annotationId);
  }
}

void ChangeBoxesCommand::revert(storage::Project& p) {
  for (std::size_t i = 0; i < changes_.size(); ++i) {
    const BoxChange& c = changes_[i];
    p.annotations().require(withBox(rows_[i], c.after));
    p.annotations().setBox(c.annotationId, c.before);
    annotationChanged(c.annotationId);
  }
}

SetClassCommand::SetClassCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds, Id classId)
    : StorageCommand(ws, itemId, QObject::tr("Set class of %n annotation(s)", "", static_cast<int>(annotationIds.size()))),
      ids_(std::move(annotationIds)),
      classId_(classId) {}

void SetClassCommand::apply(storage::Project& p) {
  if (!reapplying()) {
    before_.clear();
    for (Id id : ids_) before_.push_back(existing(p, id));
  }
  for (const Annotation& a : before_) {
    if (reapplying()) p.annotations().require(a);
    p.annotations().setClass(a.id, classId_);
    annotationChanged(a.id);
  }
}

void SetClassCommand::revert(storage::Project& p) {
  for (const Annotation& a : before_) {
    p.annotations().require(withClass(a, classId_));
    p.annotations().setClass(a.id, a.classId);
    annotationChanged(a.id);
  }
}

DeleteAnnotationsCommand::DeleteAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds)
    : StorageCommand(ws, itemId, QObject::tr("Delete %n annotation(s)", "", static_cast<int>(annotationIds.size()))),
      ids_(std::move(annotationIds)) {}

void DeleteAnnotationsCommand::apply(storage::Project& p) {
  if (!reapplying()) {
    for (Id id : ids_) {
      deleted_.push_back(p.annotations().remove(id));
      annotationRemoved(id);
    }
    return;
  }
  for (const Annotation& a : deleted_) {
    p.annotations().require(a);
    p.annotations().remove(a.id);
    annotationRemoved(a.id);
  }
}

void DeleteAnnotationsCommand::revert(storage::Project& p) {
  for (const Annotation& a : deleted_) {
    restoreChecked(p, a);
    annotationChanged(a.id);
  }
}

SetImageLabelCommand::SetImageLabelCommand(Workspace* ws, Id itemId, Id labelerId, Id classId)
    : StorageCommand(ws, itemId, classId ? QObject::tr("Set image label") : QObject::tr("Clear image label")),
      labelerId_(labelerId),
      classId_(classId) {}

void SetImageLabelCommand::apply(storage::Project& p) {
  if (reapplying()) {
    requireImageLabels(p, previous_);
    for (const Annotation& a : previous_) {
      p.annotations().remove(a.id);
      annotationRemoved(a.id);
    }
  } else {
    for (const Annotation& a : p.annotations().of(itemId(), labelerId_))
      if (a.kind == AnnotationKind::ImageLabel) {
        previous_.push_back(p.annotations().remove(a.id));
        annotationRemoved(a.id);
      }
  }
  if (!classId_) return;
  if (added_) {
    restoreChecked(p, *added_);
  } else {
    Annotation a;
    a.itemId = itemId();
    a.labelerId = labelerId_;
    a.classId = classId_;
    a.kind = AnnotationKind::ImageLabel;
    added_ = p.annotations().add(a);
  }
  annotationChanged(added_->id);
}

void SetImageLabelCommand::revert(storage::Project& p) {
  requireImageLabels(p, added_ ? std::vector<Annotation>{*added_} : std::vector<Annotation>{});
  if (added_) {
    p.annotations().remove(added_->id);
    annotationRemoved(added_->id);
  }
  for (const Annotation& a : previous_) {
    restoreChecked(p, a);
    annotationChanged(a.id);
  }
}

void SetImageLabelCommand::requireImageLabels(storage::Project& p, const std::vector<Annotation>& expected) const {
  // Exactly these: an image label another process gave this labeler meanwhile must not be
  // removed, nor joined by a second one.
  std::size_t count = 0;
  for (const Annotation& a : p.annotations().of(itemId(), labelerId_)) count += a.kind == AnnotationKind::ImageLabel;
  if (count != expected.size())
    throw storage::EditConflict("the image label of item " + std::to_string(itemId()) + " was changed by another process");
  for (const Annotation& a : expected) p.annotations().require(a);
}

}  // namespace loupe::widgets
