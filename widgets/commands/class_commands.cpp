#include "widgets/commands/class_commands.h"

#include <QObject>

#include <stdexcept>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
ClassDef existing(storage::Project& p, Id id) {
  auto c = p.classes().byId(id);
  if (!c) throw std::invalid_argument("class " + std::to_string(id) + " no longer exists");
  return *c;
}

// An undo/redo finds the class list as this command left it, or writes nothing.
void requireClasses(bool unchanged) {
  if (!unchanged) throw storage::EditConflict("the class list was changed by another process");
}

bool sameClass(const ClassDef& a, const ClassDef& b) {
  return a.id == b.id && a.name == b.name && a.color == b.color && a.hotkey == b.hotkey && a.order == b.order;
}

std::map<Id, std::string> hotkeys(storage::Project& p) {
  std::map<Id, std::string> out;
  for (const ClassDef& c : p.classes().all()) out[c.id] = c.hotkey;
  return out;
}

std::vector<Id> order(storage::Project& p) {
  std::vector<Id> out;
  for (const ClassDef& c : p.classes().all()) out.push_back(c.id);
  return out;
}
}  // namespace

AddClassCommand::AddClassCommand(Workspace* ws, std::string name, std::string color)
    : StorageCommand(ws, 0, QObject::tr("Add class %1").arg(QString::fromStdString(name))),
      name_(std::move(name)),
      color_(std::move(color)) {}

void AddClassCommand::apply(storage::Project& p) {
  if (added_) p.classes().restore(*added_);
  else added_ = p.classes().add(name_, color_);
  classesChanged();
}

void AddClassCommand::revert(storage::Project& p) {
  const auto now = p.classes().byId(added_->id);
  requireClasses(now && sameClass(*now, *added_));
  p.classes().remove(added_->id);
  classesChanged();
}

EditClassCommand::EditClassCommand(Workspace* ws, Id classId, Field field, std::string value)
    : StorageCommand(ws, 0, field == Field::Name ? QObject::tr("Rename class") : QObject::tr("Recolour class")),
      classId_(classId),
      field_(field),
      value_(std::move(value)) {}

void EditClassCommand::write(storage::Project& p, const std::string& value) {
  if (field_ == Field::Name) p.classes().rename(classId_, value);
  else p.classes().setColor(classId_, value);
  classesChanged();
}

std::string EditClassCommand::current(storage::Project& p) const {
  const ClassDef c = existing(p, classId_);
  return field_ == Field::Name ? c.name : c.color;
}

void EditClassCommand::apply(storage::Project& p) {
  const std::string now = current(p);
  if (!reapplying()) previous_ = now;
  else requireClasses(now == previous_);
  write(p, value_);
}

void EditClassCommand::revert(storage::Project& p) {
  requireClasses(current(p) == value_);
  write(p, previous_);
}

SetClassHotkeyCommand::SetClassHotkeyCommand(Workspace* ws, Id classId, std::string hotkey)
    : StorageCommand(ws, 0, QObject::tr("Set class hotkey")), classId_(classId), hotkey_(std::move(hotkey)) {}

void SetClassHotkeyCommand::apply(storage::Project& p) {
  existing(p, classId_);
  if (!reapplying()) before_ = hotkeys(p);
  else requireClasses(hotkeys(p) == before_);
  p.classes().setHotkey(classId_, hotkey_);
  after_ = hotkeys(p);
  classesChanged();
}

void SetClassHotkeyCommand::revert(storage::Project& p) {
  requireClasses(hotkeys(p) == after_);
  // Clear first so restoring a key never collides with the key this edit assigned.
  p.classes().setHotkey(classId_, "");
  for (const auto& [id, key] : before_)
    if (!key.empty()) p.classes().setHotkey(id, key);
  classesChanged();
}

ReorderClassesCommand::ReorderClassesCommand(Workspace* ws, std::vector<Id> orderedIds)
    : StorageCommand(ws, 0, QObject::tr("Reorder classes")), after_(std::move(orderedIds)) {}

void ReorderClassesCommand::apply(storage::Project& p) {
  if (!reapplying()) before_ = order(p);
  else requireClasses(order(p) == before_);
  p.classes().reorder(after_);
  classesChanged();
}

void ReorderClassesCommand::revert(storage::Project& p) {
  requireClasses(order(p) == after_);
  p.classes().reorder(before_);
  classesChanged();
}

}  // namespace loupe::widgets
