#include "widgets/review/review_commands.h"

#include <QObject>

#include <stdexcept>

#include "widgets/session/workspace.h"

namespace loupe::widgets {

namespace {

// An undo/redo finds the item's consensus exactly as this command left it, or writes nothing.
void requireConsensus(storage::Project& p, Id itemId, Id consensus, const std::vector<Annotation>& expected) {
  for (const Annotation& a : expected) p.requireAnnotation(a);
  if (p.annotations(itemId, consensus).size() != expected.size())
    throw storage::EditConflict("the consensus of item " + std::to_string(itemId) + " was changed by another process");
}

}  // namespace

Labeler consensusLabeler(storage::Project& project) { return project.ensureLabeler("consensus", LabelerKind::Consensus); }

ClassDef uncertainClass(storage::Project& project) { return project.ensureClass("uncertain"); }

SetConsensusCommand::SetConsensusCommand(widgets::Workspace* ws, Id itemId, std::vector<Annotation> annotations,
                                         const QString& text)
    : StorageCommand(ws, itemId, text), consensus_(consensusLabeler(ws->project()).id), next_(std::move(annotations)) {
  for (auto& a : next_) {
    a.itemId = itemId;
    a.labelerId = consensus_;
  }
}

void SetConsensusCommand::apply(storage::Project& p) {
  if (!reapplying()) previous_ = p.annotations(itemId(), consensus_);
  else requireConsensus(p, itemId(), consensus_, previous_);
  for (const Annotation& a : previous_) annotationRemoved(a.id);
  p.replaceAnnotations(consensus_, next_, {itemId()});
  written_ = p.annotations(itemId(), consensus_);
  for (const Annotation& a : written_) annotationChanged(a.id);
}

void SetConsensusCommand::revert(storage::Project& p) {
  requireConsensus(p, itemId(), consensus_, written_);
  p.replaceAnnotations(consensus_, {}, {itemId()});
  for (const Annotation& a : written_) annotationRemoved(a.id);
  for (const Annotation& a : previous_) {
    if (p.annotation(a.id))
      throw storage::EditConflict("annotation " + std::to_string(a.id) + " was replaced by another process");
    p.restoreAnnotation(a);
    annotationChanged(a.id);
  }
}

SetConsensusCommand* pickLabelerAnswer(widgets::Workspace* ws, Id itemId, Id labelerId) {
  storage::Project& project = ws->project();
  const auto labeler = project.labeler(labelerId);
  if (!labeler) throw std::invalid_argument("unknown labeler id " + std::to_string(labelerId));
  return new SetConsensusCommand(ws, itemId, project.annotations(itemId, labelerId),
                                 QObject::tr("Use %1's answer").arg(QString::fromStdString(labeler->name)));
}

SetConsensusCommand* setConsensusLabel(widgets::Workspace* ws, Id itemId, Id classId) {
  const auto cls = ws->project().classById(classId);
  if (!cls) throw std::invalid_argument("unknown class id " + std::to_string(classId));
  Annotation a;
  a.classId = classId;
  a.kind = AnnotationKind::ImageLabel;
  return new SetConsensusCommand(ws, itemId, {a}, QObject::tr("Consensus: %1").arg(QString::fromStdString(cls->name)));
}

SetAmbiguousCommand::SetAmbiguousCommand(widgets::Workspace* ws, Id itemId, bool ambiguous)
    : SetItemFieldCommand<bool>(
          ws, itemId, ambiguous, [](const storage::ItemRecord& r) { return r.ambiguous; },
          [](storage::Project& p, Id id, const bool& on) { p.setItemAmbiguous(id, on); },
          ambiguous ? QObject::tr("Mark ambiguous") : QObject::tr("Clear ambiguous")) {}

MergeClassCommand::MergeClassCommand(widgets::Workspace* ws, Id from, Id into)
    : StorageCommand(ws, 0, {}), from_(from), into_(into) {
  storage::Project& project = ws->project();
  const auto a = project.classById(from), b = project.classById(into);
  if (!a || !b) throw std::invalid_argument("merge: unknown class id");
  if (from == into) throw std::invalid_argument("merge: a class cannot be merged into itself");
  setText(QObject::tr("Merge %1 into %2").arg(QString::fromStdString(a->name), QString::fromStdString(b->name)));
}

void MergeClassCommand::notifyMoved(const std::vector<Annotation>& rows) {
  // The class list first: a view redrawing a moved box looks its class up.
  classesChanged();
  for (const Annotation& a : rows) annotationChangedOn(a.itemId, a.id);
}

void MergeClassCommand::apply(storage::Project& p) {
  if (reapplying()) {
    const auto now = p.classById(from_);
    if (!now || now->name != removed_.name)
      throw storage::EditConflict("class " + std::to_string(from_) + " was changed by another process");
    for (const Annotation& a : undone_) p.requireAnnotation(a);
  }
  const storage::MergeResult result = p.mergeClass(from_, into_);
  removed_ = result.removed;
  merged_.clear();
  for (Id id : result.movedAnnotationIds)
    if (const auto a = p.annotation(id)) merged_.push_back(*a);
  notifyMoved(merged_);
}

void MergeClassCommand::revert(storage::Project& p) {
  for (const Annotation& a : merged_) p.requireAnnotation(a);
  p.restoreClass(removed_);
  undone_.clear();
  for (Annotation a : merged_) {
    p.setAnnotationClass(a.id, from_);
    a.classId = from_;
    undone_.push_back(a);
  }
  notifyMoved(undone_);
}

}  // namespace loupe::widgets
