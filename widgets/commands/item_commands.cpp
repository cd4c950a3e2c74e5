#include "widgets/commands/item_commands.h"

#include <QObject>

#include <stdexcept>

#include "storage/project.h"

namespace loupe::widgets {

storage::ItemRecord existingItem(storage::Project& p, Id itemId) {
  auto r = p.items().byId(itemId);
  if (!r) throw std::invalid_argument("item " + std::to_string(itemId) + " no longer exists");
  return *r;
}

void requireUnchanged(Id itemId, bool unchanged) {
  if (!unchanged) throw storage::EditConflict("item " + std::to_string(itemId) + " was changed by another process");
}

StorageCommand* setSplitCommand(Workspace* ws, Id itemId, Split split) {
  return new SetItemFieldCommand<Split>(
      ws, itemId, split, [](const storage::ItemRecord& r) { return r.item.split; },
      [](storage::Project& p, Id id, const Split& s) { p.items().setSplit(id, s); },
      QObject::tr("Set split to %1").arg(QString::fromUtf8(toString(split).data())));
}

StorageCommand* setGroupKeyCommand(Workspace* ws, Id itemId, std::string groupKey) {
  return new SetItemFieldCommand<std::string>(
      ws, itemId, std::move(groupKey), [](const storage::ItemRecord& r) { return r.item.groupKey; },
      [](storage::Project& p, Id id, const std::string& k) { p.items().setGroupKey(id, k); }, QObject::tr("Set group key"));
}

StorageCommand* setReviewedCommand(Workspace* ws, Id itemId, bool reviewed) {
  return new SetItemFieldCommand<bool>(
      ws, itemId, reviewed, [](const storage::ItemRecord& r) { return r.reviewed; },
      [](storage::Project& p, Id id, const bool& on) { p.items().setReviewed(id, on); },
      reviewed ? QObject::tr("Mark reviewed") : QObject::tr("Mark not reviewed"));
}

SetAttributeCommand::SetAttributeCommand(Workspace* ws, Id itemId, std::string key, std::optional<std::string> value)
    : StorageCommand(ws, itemId,
                     value ? QObject::tr("Set attribute %1").arg(QString::fromStdString(key))
                           : QObject::tr("Remove attribute %1").arg(QString::fromStdString(key))),
      key_(std::move(key)),
      value_(std::move(value)) {}

void SetAttributeCommand::write(storage::Project& p, const std::optional<std::string>& value) {
  if (value) p.attributes().set(itemId(), key_, *value);
  else p.attributes().remove(itemId(), key_);
  itemChanged();
}

std::optional<std::string> SetAttributeCommand::current(storage::Project& p) const {
  existingItem(p, itemId());
  const auto attrs = p.attributes().of(itemId());
  const auto it = attrs.find(key_);
  return it == attrs.end() ? std::nullopt : std::optional<std::string>(it->second);
}

void SetAttributeCommand::apply(storage::Project& p) {
  const auto now = current(p);
  if (!reapplying()) before_ = now;
  else requireUnchanged(itemId(), now == before_);
  write(p, value_);
}

void SetAttributeCommand::revert(storage::Project& p) {
  requireUnchanged(itemId(), current(p) == value_);
  write(p, before_);
}

}  // namespace loupe::widgets
