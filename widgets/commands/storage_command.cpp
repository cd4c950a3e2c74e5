#include "widgets/commands/storage_command.h"

#include <exception>

#include "storage/project.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

StorageCommand::StorageCommand(Workspace* workspace, Id itemId, const QString& text)
    : QUndoCommand(text), workspace_(workspace), itemId_(itemId) {}

template <typename Fn>
void StorageCommand::run(Fn&& fn) {
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
    workspace_->reportError(QStringLiteral("%1 failed: %2").arg(text(), QString::fromUtf8(e.what())));
    return;
  }
  for (const Change& c : changes_) {
    switch (c.kind) {
      case Change::Annotation: workspace_->notifyAnnotationChanged(itemId_, c.id); break;
      case Change::Removed: workspace_->notifyAnnotationRemoved(itemId_, c.id); break;
      case Change::Classes: workspace_->notifyClassesChanged(); break;
      case Change::Item: workspace_->notifyItemChanged(itemId_); break;
    }
  }
  changes_.clear();
}

void StorageCommand::redo() {
  if (!firstRedo_ && itemId_) workspace_->setCurrentItem(itemId_);
  firstRedo_ = false;
  run([this](storage::Project& p) { apply(p); });
}

void StorageCommand::undo() {
  if (itemId_) workspace_->setCurrentItem(itemId_);
  run([this](storage::Project& p) { revert(p); });
}

}  // namespace loupe::widgets
