#pragma once
// Base of every edit: a QUndoCommand whose redo/undo each run as one storage transaction that
// commits at once (no Save button), then tell the workspace what changed. Undoing or redoing an
// edit of another item first brings that item on screen, so undo works across items.
// Another process may write to the same file meanwhile (a CLI import, another labeler): an undo
// or redo first checks, inside its transaction, that the rows it would write are still as this
// command left them, and otherwise fails (storage::EditConflict) instead of writing over them.

#include <QString>
#include <QUndoCommand>

#include <vector>

#include "core/domain/types.h"

namespace loupe::storage {
class Project;
}

namespace loupe::widgets {

class Workspace;

class StorageCommand : public QUndoCommand {
 public:
  // `itemId` = the item the edit belongs to (0 for project-wide edits such as classes).
  StorageCommand(Workspace* workspace, Id itemId, const QString& text);

  void redo() final;
  void undo() final;
  Id itemId() const { return itemId_; }

 protected:
  virtual void apply(storage::Project& project) = 0;
  virtual void revert(storage::Project& project) = 0;

  // Queued during apply/revert, sent after the commit (never for a rolled-back write).
  void annotationChanged(Id annotationId) { annotationChangedOn(itemId_, annotationId); }
  // For a project-wide edit (a class merge) that moves annotations on many items.
  void annotationChangedOn(Id itemId, Id annotationId) { changes_.push_back({Change::Annotation, itemId, annotationId}); }
  void annotationRemoved(Id annotationId) { changes_.push_back({Change::Removed, itemId_, annotationId}); }
  void classesChanged() { changes_.push_back({Change::Classes, 0, 0}); }
  void itemChanged() { changes_.push_back({Change::Item, itemId_, 0}); }

  Workspace* workspace() const { return workspace_; }
  // True inside apply() when it runs again after an undo (the rows must be as the undo left them).
  bool reapplying() const { return !firstRedo_; }

 private:
  struct Change {
    enum Kind { Annotation, Removed, Classes, Item } kind;
    Id item;
    Id id;
  };
  enum class Step { First, Redo, Undo };
  template <typename Fn>
  void run(Step step, Fn&& fn);

  Workspace* workspace_;
  Id itemId_;
  bool firstRedo_ = true;
  std::vector<Change> changes_;
};

}  // namespace loupe::widgets
