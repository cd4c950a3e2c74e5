#pragma once
// Edits of annotations: add (one box, or all boxes copied from another item), change boxes
// (move, resize, nudge), change class, delete, set the image-level label. Each remembers the
// rows as it left them, so an undo or redo refuses to write over another process's change.

#include <QString>

#include <optional>
#include <vector>

#include "core/domain/types.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

// Adds annotations; undo deletes them, redo restores them with the same ids.
class AddAnnotationsCommand : public StorageCommand {
 public:
  AddAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Annotation> annotations, const QString& text);
  const std::vector<Annotation>& added() const { return added_; }

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<Annotation> pending_;
  std::vector<Annotation> added_;  // as stored (ids, timestamps)
};

struct BoxChange {
  Id annotationId = 0;
  Box before;
  Box after;
};

// Moves/resizes boxes. Consecutive nudges of the same boxes merge into one undo step (each
// nudge is still committed at once).
class ChangeBoxesCommand : public StorageCommand {
 public:
  ChangeBoxesCommand(Workspace* ws, Id itemId, std::vector<BoxChange> changes, bool nudge);
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<BoxChange> changes_;
  std::vector<Annotation> rows_;  // as read before the first write (item, labeler, class)
  bool nudge_;
};

class SetClassCommand : public StorageCommand {
 public:
  SetClassCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds, Id classId);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<Id> ids_;
  std::vector<Annotation> before_;  // as read before the first write
  Id classId_;
};

class DeleteAnnotationsCommand : public StorageCommand {
 public:
  DeleteAnnotationsCommand(Workspace* ws, Id itemId, std::vector<Id> annotationIds);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<Id> ids_;
  std::vector<Annotation> deleted_;
};

// Replaces the labeler's image-level label of an item (classId 0 removes it).
class SetImageLabelCommand : public StorageCommand {
 public:
  SetImageLabelCommand(Workspace* ws, Id itemId, Id labelerId, Id classId);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void requireImageLabels(storage::Project& p, const std::vector<Annotation>& expected) const;
  Id labelerId_;
  Id classId_;
  std::vector<Annotation> previous_;
  std::optional<Annotation> added_;
};

}  // namespace loupe::widgets
