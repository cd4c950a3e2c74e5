#pragma once
// Undoable edits of the disagreement review. Each calls storage; resolutions go to the consensus
// labeler, so the labelers' own annotations are never overwritten.

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

#include "storage/project.h"

namespace loupe::review {

// The consensus labeler of a project ("consensus", kind Consensus), created on first use.
Labeler consensusLabeler(storage::Project& project);
// The "uncertain" class for items whose answer cannot be decided, created on first use.
ClassDef uncertainClass(storage::Project& project);

// Replaces the consensus annotations of one item; undo puts the previous ones back with their
// original ids.
class SetConsensusCommand : public QUndoCommand {
 public:
  SetConsensusCommand(storage::Project& project, Id itemId, std::vector<Annotation> annotations, const QString& text,
                      QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  storage::Project& project_;
  Id item_;
  Id consensus_;
  std::vector<Annotation> next_;
  std::vector<Annotation> previous_;
};

// Consensus = a copy of one labeler's annotations on the item.
SetConsensusCommand* pickLabelerAnswer(storage::Project& project, Id itemId, Id labelerId);
// Consensus = one image label of `classId` (an edited answer, or the "uncertain" class).
SetConsensusCommand* setConsensusLabel(storage::Project& project, Id itemId, Id classId);

class SetAmbiguousCommand : public QUndoCommand {
 public:
  SetAmbiguousCommand(storage::Project& project, Id itemId, bool ambiguous, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  storage::Project& project_;
  Id item_;
  bool next_, previous_;
};

class RenameClassCommand : public QUndoCommand {
 public:
  RenameClassCommand(storage::Project& project, Id classId, std::string name, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  storage::Project& project_;
  Id class_;
  std::string next_, previous_;
};

// Moves every annotation of `from` into `into` and removes `from` ("deep scratch" + "shallow
// scratch" -> "scratch"); undo restores the class and moves its annotations back.
class MergeClassCommand : public QUndoCommand {
 public:
  MergeClassCommand(storage::Project& project, Id from, Id into, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  storage::Project& project_;
  Id from_, into_;
  storage::MergeResult result_;
};

}  // namespace loupe::review
