#pragma once
// Edits of the class list: add, rename, recolour, set hotkey, reorder. An undo or redo first
// checks that the classes it touches are as this command left them (another process may edit).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

class AddClassCommand : public StorageCommand {
 public:
  AddClassCommand(Workspace* ws, std::string name, std::string color);
  Id classId() const { return added_ ? added_->id : 0; }

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::string name_, color_;
  std::optional<ClassDef> added_;
};

// One property of one class (name, colour); undo writes the previous value back.
class EditClassCommand : public StorageCommand {
 public:
  enum class Field { Name, Color };
  EditClassCommand(Workspace* ws, Id classId, Field field, std::string value);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void write(storage::Project& p, const std::string& value);
  std::string current(storage::Project& p) const;
  Id classId_;
  Field field_;
  std::string value_, previous_;
};

// A hotkey belongs to one class, so taking it from another class is part of the same edit.
class SetClassHotkeyCommand : public StorageCommand {
 public:
  SetClassHotkeyCommand(Workspace* ws, Id classId, std::string hotkey);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  Id classId_;
  std::string hotkey_;
  std::map<Id, std::string> before_, after_;  // every class's hotkey before and after the edit
};

class ReorderClassesCommand : public StorageCommand {
 public:
  ReorderClassesCommand(Workspace* ws, std::vector<Id> orderedIds);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<Id> after_, before_;
};

}  // namespace loupe::widgets
