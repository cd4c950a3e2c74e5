#include "widgets/likely_errors/review_decision_command.h"

#include <QObject>

#include "storage/project.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

namespace {
QString textOf(ReviewDecisionCommand::Kind kind, const storage::ReviewEntry& e, const std::string& className) {
  const QString item = QString::fromStdString(e.item);
  switch (kind) {
    case ReviewDecisionCommand::Kind::Accept: return QObject::tr("Accept suggestion on %1").arg(item);
    case ReviewDecisionCommand::Kind::Relabel:
      return QObject::tr("Relabel %1 as %2").arg(item, QString::fromStdString(className));
    case ReviewDecisionCommand::Kind::Dismiss: break;
  }
  return QObject::tr("Dismiss suggestion on %1").arg(item);
}
}  // namespace

ReviewDecisionCommand::ReviewDecisionCommand(Workspace* ws, storage::ReviewEntry entry, Kind kind, std::string className)
    : StorageCommand(ws, entry.itemId, textOf(kind, entry, className)),
      entry_(std::move(entry)),
      kind_(kind),
      className_(std::move(className)),
      reviewerId_(ws->labeler().id) {}

void ReviewDecisionCommand::apply(storage::Project& p) {
  if (reapplying()) {
    storage::redoReviewDecision(p, result_);
  } else {
    switch (kind_) {
      case Kind::Accept: result_ = storage::acceptSuggestion(p, entry_, reviewerId_); break;
      case Kind::Relabel: result_ = storage::relabelEntry(p, entry_, reviewerId_, className_); break;
      case Kind::Dismiss: result_ = storage::dismissEntry(p, entry_, reviewerId_); break;
    }
  }
  notify(false);
}

void ReviewDecisionCommand::revert(storage::Project& p) {
  storage::undoReviewDecision(p, result_);
  notify(true);
}

void ReviewDecisionCommand::notify(bool undone) {
  for (const Annotation& a : result_.added) undone ? annotationRemoved(a.id) : annotationChanged(a.id);
  for (const Annotation& a : result_.removed) undone ? annotationChanged(a.id) : annotationRemoved(a.id);
  for (const auto& c : result_.changed) annotationChanged(c.after.id);
}

}  // namespace loupe::widgets
