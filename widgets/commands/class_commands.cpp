#include "widgets/commands/class_commands.h"

#include <QObject>

#include <stdexcept>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
ClassDef existing(storage::Project& p, Id id) {
  auto c = p.classById(id);
  if (!c) throw std::invalid_argument("class " + std::to_string(id) + " no longer exists");
  return *c;
}
}  // namespace

AddClassCommand::AddClassCommand(Workspace* ws, std::string name, std::string color)
    : StorageCommand(ws, 0, QObject::tr("Add class %1").arg(QString::fromStdString(name))),
      name_(std::move(name)),
      color_(std::move(color)) {}

void AddClassCommand::apply(storage::Project& p) {
  if (added_) p.restoreClass(*added_);
  else added_ = p.addClass(name_, color_);
  classesChanged();
}

void AddClassCommand::revert(storage::Project& p) {
  p.deleteClass(added_->id);
  classesChanged();
}

EditClassCommand::EditClassCommand(Workspace* ws, Id classId, Field field, std::string value)
    : StorageCommand(ws, 0, field == Field::Name ? QObject::tr("Rename class") : QObject::tr("Recolour class")),
      classId_(classId),
      field_(field),
      value_(std::move(value)) {}

void EditClassCommand::write(storage::Project& p, const std::string& value) {
  if (field_ == Field::Name) p.renameClass(classId_, value);
  else p.setClassColor(classId_, value);
  classesChanged();
}

void EditClassCommand::apply(storage::Project& p) {
  const ClassDef c = existing(p, classId_);
  previous_ = field_ == Field::Name ? c.name : c.color;
  write(p, value_);
}

void EditClassCommand::revert(storage::Project& p) { write(p, previous_); }

SetClassHotkeyCommand::SetClassHotkeyCommand(Workspace* ws, Id classId, std::string hotkey)
    : StorageCommand(ws, 0, QObject::tr("Set class hotkey")), classId_(classId), hotkey_(std::move(hotkey)) {}

void SetClassHotkeyCommand::apply(storage::Project& p) {
  existing(p, classId_);
  before_.clear();
  for (const ClassDef& c : p.classes()) before_[c.id] = c.hotkey;
  p.setClassHotkey(classId_, hotkey_);
  classesChanged();
}

void SetClassHotkeyCommand::revert(storage::Project& p) {
  // Clear first so restoring a key never collides with the key this edit assigned.
  p.setClassHotkey(classId_, "");
  for (const auto& [id, key] : before_)
    if (!key.empty()) p.setClassHotkey(id, key);
  classesChanged();
}

ReorderClassesCommand::ReorderClassesCommand(Workspace* ws, std::vector<Id> orderedIds)
    : StorageCommand(ws, 0, QObject::tr("Reorder classes")), after_(std::move(orderedIds)) {}

void ReorderClassesCommand::apply(storage::Project& p) {
  before_.clear();
  for (const ClassDef& c : p.classes()) before_.push_back(c.id);
  p.reorderClasses(after_);
  classesChanged();
}

void ReorderClassesCommand::revert(storage::Project& p) {
  p.reorderClasses(before_);
  classesChanged();
}

}  // namespace loupe::widgets
