#pragma once
// Undoable edits of the disagreement review, on the one edit path every edit takes
// (widgets::StorageCommand): each runs as one transaction, tells the workspace what changed so
// every panel shows it, and an undo/redo is refused when another process changed its rows since.
// Resolutions go to the consensus labeler, so the labelers' own annotations are never
// overwritten. Renaming a class is widgets::EditClassCommand, as in the class panel.

#include <QString>

#include <vector>

#include "storage/project.h"
#include "widgets/commands/item_commands.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

// The consensus labeler of a project ("consensus", kind Consensus), created on first use.
Labeler consensusLabeler(storage::Project& project);
// The "uncertain" class for items whose answer cannot be decided, created on first use.
ClassDef uncertainClass(storage::Project& project);

// Replaces the consensus annotations of one item; undo puts the previous ones back with their
// original ids.
class SetConsensusCommand : public widgets::StorageCommand {
 public:
  SetConsensusCommand(widgets::Workspace* ws, Id itemId, std::vector<Annotation> annotations, const QString& text);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  Id consensus_;
  std::vector<Annotation> next_;      // as asked for
  std::vector<Annotation> written_;   // as the last apply stored them
  std::vector<Annotation> previous_;  // the item's consensus before the edit
};

// Consensus = a copy of one labeler's annotations on the item.
SetConsensusCommand* pickLabelerAnswer(widgets::Workspace* ws, Id itemId, Id labelerId);
// Consensus = one image label of `classId` (an edited answer, or the "uncertain" class).
SetConsensusCommand* setConsensusLabel(widgets::Workspace* ws, Id itemId, Id classId);

class SetAmbiguousCommand : public widgets::SetItemFieldCommand<bool> {
 public:
  SetAmbiguousCommand(widgets::Workspace* ws, Id itemId, bool ambiguous);
};

// Moves every annotation of `from` into `into` and removes `from` ("deep scratch" + "shallow
// scratch" -> "scratch"); undo restores the class and moves its annotations back.
class MergeClassCommand : public widgets::StorageCommand {
 public:
  MergeClassCommand(widgets::Workspace* ws, Id from, Id into);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void notifyMoved(const std::vector<Annotation>& rows);
  Id from_, into_;
  ClassDef removed_;
  std::vector<Annotation> merged_;  // the moved annotations as the merge left them
  std::vector<Annotation> undone_;  // the same, as the last undo left them
};

}  // namespace loupe::widgets
