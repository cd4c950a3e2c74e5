#include "widgets/commands/storage_command.h"

#include <QObject>

#include <exception>

#include "storage/project.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

StorageCommand::StorageCommand(Workspace* workspace, Id itemId, const QString& text)
    : QUndoCommand(text), workspace_(workspace), itemId_(itemId) {}

template <typename Fn>
void StorageCommand::run(Step step, Fn&& fn) {
  changes_.clear();
  try {
    storage::Project& project = workspace_->project();
    storage::Project::Transaction tx(project);
    fn(project);
    tx.commit();
  } catch (const std::exception& e) {
    // The transaction rolled back: drop the command so the stack never disagrees with the file.
    changes_.clear();
    setObsolete(true);
    const QString why = QString::fromUtf8(e.what());
    switch (step) {
      case Step::First: workspace_->reportError(QObject::tr("%1 failed: %2").arg(text(), why)); break;
      case Step::Redo: workspace_->reportError(QObject::tr("Cannot redo “%1”: %2").arg(text(), why)); break;
      case Step::Undo: workspace_->reportError(QObject::tr("Cannot undo “%1”: %2").arg(text(), why)); break;
    }
    // What is on screen may be out of date (another process wrote): show the file as it is.
    workspace_->reloadFromFile();
    return;
  }
  for (const Change& c : changes_) {
    switch (c.kind) {
      case Change::Annotation: workspace_->notifyAnnotationChanged(c.item, c.id); break;
      case Change::Removed: workspace_->notifyAnnotationRemoved(c.item, c.id); break;
      case Change::Classes: workspace_->notifyClassesChanged(); break;
      case Change::Item: workspace_->notifyItemChanged(c.item); break;
    }
  }
  changes_.clear();
}

void StorageCommand::redo() {
  if (!firstRedo_ && itemId_) workspace_->setCurrentItem(itemId_);
  run(firstRedo_ ? Step::First : Step::Redo, [this](storage::Project& p) { apply(p); });
  firstRedo_ = false;
}

void StorageCommand::undo() {
  if (itemId_) workspace_->setCurrentItem(itemId_);
  run(Step::Undo, [this](storage::Project& p) { revert(p); });
}

}  // namespace loupe::widgets
