#include "widgets/commands/annotation_commands.h"

#include <QObject>

#include <algorithm>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
constexpr int kNudgeCommandId = 0x4e55;  // 'NU'
}

AddAnnotationsCommand::AddAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Annotation> annotations,
                                             const QString& text)
    : StorageCommand(ws, itemId, text), pending_(std::move(annotations)) {}

void AddAnnotationsCommand::apply(storage::Project& p) {
  if (added_.empty()) {
    for (const Annotation& a : pending_) added_.push_back(p.addAnnotation(a));
  } else {
    for (const Annotation& a : added_) p.restoreAnnotation(a);
  }
  for (const Annotation& a : added_) annotationChanged(a.id);
}

void AddAnnotationsCommand::revert(storage::Project& p) {
  for (auto it = added_.rbegin(); it != added_.rend(); ++it) {
    p.deleteAnnotation(it->id);
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
  for (const BoxChange& c : changes_) {
    p.setAnnotationBox(c.annotationId, c.after);
    annotationChanged(c.annotationId);
  }
}

void ChangeBoxesCommand::revert(storage::Project& p) {
  for (const BoxChange& c : changes_) {
    p.setAnnotationBox(c.annotationId, c.before);
    annotationChanged(c.annotationId);
  }
}

SetClassCommand::SetClassCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds, Id classId)
    : StorageCommand(ws, itemId, QObject::tr("Set class of %n annotation(s)", "", static_cast<int>(annotationIds.size()))),
      ids_(std::move(annotationIds)),
      classId_(classId) {}

void SetClassCommand::apply(storage::Project& p) {
  before_.clear();
  for (Id id : ids_) {
    const auto a = p.annotation(id);
    if (!a) throw std::invalid_argument("annotation " + std::to_string(id) + " no longer exists");
    before_.push_back(a->classId);
    p.setAnnotationClass(id, classId_);
    annotationChanged(id);
  }
}

void SetClassCommand::revert(storage::Project& p) {
  for (std::size_t i = 0; i < ids_.size(); ++i) {
    p.setAnnotationClass(ids_[i], before_[i]);
    annotationChanged(ids_[i]);
  }
}

DeleteAnnotationsCommand::DeleteAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds)
    : StorageCommand(ws, itemId, QObject::tr("Delete %n annotation(s)", "", static_cast<int>(annotationIds.size()))),
      ids_(std::move(annotationIds)) {}

void DeleteAnnotationsCommand::apply(storage::Project& p) {
  deleted_.clear();
  for (Id id : ids_) {
    deleted_.push_back(p.deleteAnnotation(id));
    annotationRemoved(id);
  }
}

void DeleteAnnotationsCommand::revert(storage::Project& p) {
  for (const Annotation& a : deleted_) {
    p.restoreAnnotation(a);
    annotationChanged(a.id);
  }
}

SetImageLabelCommand::SetImageLabelCommand(Workspace* ws, Id itemId, Id labelerId, Id classId)
    : StorageCommand(ws, itemId, classId ? QObject::tr("Set image label") : QObject::tr("Clear image label")),
      labelerId_(labelerId),
      classId_(classId) {}

void SetImageLabelCommand::apply(storage::Project& p) {
  previous_.clear();
  for (const Annotation& a : p.annotations(itemId(), labelerId_))
    if (a.kind == AnnotationKind::ImageLabel) {
      previous_.push_back(p.deleteAnnotation(a.id));
      annotationRemoved(a.id);
    }
  if (!classId_) return;
  if (added_) {
    p.restoreAnnotation(*added_);
  } else {
    Annotation a;
    a.itemId = itemId();
    a.labelerId = labelerId_;
    a.classId = classId_;
    a.kind = AnnotationKind::ImageLabel;
    added_ = p.addAnnotation(a);
  }
  annotationChanged(added_->id);
}

void SetImageLabelCommand::revert(storage::Project& p) {
  if (classId_ && added_) {
    p.deleteAnnotation(added_->id);
    annotationRemoved(added_->id);
  }
  for (const Annotation& a : previous_) {
    p.restoreAnnotation(a);
    annotationChanged(a.id);
  }
}

}  // namespace loupe::widgets
