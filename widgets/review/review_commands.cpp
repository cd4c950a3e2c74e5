#include "widgets/review/review_commands.h"

#include <stdexcept>

namespace loupe::review {

Labeler consensusLabeler(storage::Project& project) { return project.ensureLabeler("consensus", LabelerKind::Consensus); }

ClassDef uncertainClass(storage::Project& project) { return project.ensureClass("uncertain"); }

SetConsensusCommand::SetConsensusCommand(storage::Project& project, Id itemId, std::vector<Annotation> annotations,
                                         const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), project_(project), item_(itemId), consensus_(consensusLabeler(project).id),
      next_(std::move(annotations)) {
  for (auto& a : next_) {
    a.itemId = item_;
    a.labelerId = consensus_;
  }
}

void SetConsensusCommand::redo() {
  previous_ = project_.annotations(item_, consensus_);
  project_.replaceAnnotations(consensus_, next_, {item_});
}

void SetConsensusCommand::undo() {
  storage::Project::Transaction tx(project_);
  project_.replaceAnnotations(consensus_, {}, {item_});
  for (const auto& a : previous_) project_.restoreAnnotation(a);
  tx.commit();
}

SetConsensusCommand* pickLabelerAnswer(storage::Project& project, Id itemId, Id labelerId) {
  const auto labeler = project.labeler(labelerId);
  if (!labeler) throw std::invalid_argument("unknown labeler id " + std::to_string(labelerId));
  return new SetConsensusCommand(project, itemId, project.annotations(itemId, labelerId),
                                 QObject::tr("Use %1's answer").arg(QString::fromStdString(labeler->name)));
}

SetConsensusCommand* setConsensusLabel(storage::Project& project, Id itemId, Id classId) {
  const auto cls = project.classById(classId);
  if (!cls) throw std::invalid_argument("unknown class id " + std::to_string(classId));
  Annotation a;
  a.classId = classId;
  a.kind = AnnotationKind::ImageLabel;
  return new SetConsensusCommand(project, itemId, {a},
                                 QObject::tr("Consensus: %1").arg(QString::fromStdString(cls->name)));
}

SetAmbiguousCommand::SetAmbiguousCommand(storage::Project& project, Id itemId, bool ambiguous, QUndoCommand* parent)
    : QUndoCommand(ambiguous ? QObject::tr("Mark ambiguous") : QObject::tr("Clear ambiguous"), parent),
      project_(project), item_(itemId), next_(ambiguous) {
  const auto rec = project.item(itemId);
  if (!rec) throw std::invalid_argument("unknown item id " + std::to_string(itemId));
  previous_ = rec->ambiguous;
}

void SetAmbiguousCommand::redo() { project_.setItemAmbiguous(item_, next_); }
void SetAmbiguousCommand::undo() { project_.setItemAmbiguous(item_, previous_); }

RenameClassCommand::RenameClassCommand(storage::Project& project, Id classId, std::string name, QUndoCommand* parent)
    : QUndoCommand(QObject::tr("Rename class to %1").arg(QString::fromStdString(name)), parent), project_(project),
      class_(classId), next_(std::move(name)) {
  const auto cls = project.classById(classId);
  if (!cls) throw std::invalid_argument("unknown class id " + std::to_string(classId));
  previous_ = cls->name;
}

void RenameClassCommand::redo() { project_.renameClass(class_, next_); }
void RenameClassCommand::undo() { project_.renameClass(class_, previous_); }

MergeClassCommand::MergeClassCommand(storage::Project& project, Id from, Id into, QUndoCommand* parent)
    : QUndoCommand(parent), project_(project), from_(from), into_(into) {
  const auto a = project.classById(from), b = project.classById(into);
  if (!a || !b) throw std::invalid_argument("merge: unknown class id");
  if (from == into) throw std::invalid_argument("merge: a class cannot be merged into itself");
  setText(QObject::tr("Merge %1 into %2").arg(QString::fromStdString(a->name), QString::fromStdString(b->name)));
}

void MergeClassCommand::redo() { result_ = project_.mergeClass(from_, into_); }

void MergeClassCommand::undo() {
  storage::Project::Transaction tx(project_);
  project_.restoreClass(result_.removed);
  for (Id id : result_.movedAnnotationIds) project_.setAnnotationClass(id, from_);
  tx.commit();
}

}  // namespace loupe::review
