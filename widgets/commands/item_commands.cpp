#include "widgets/commands/item_commands.h"

#include <QObject>

#include <stdexcept>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
storage::ItemRecord existing(storage::Project& p, Id id) {
  auto r = p.item(id);
  if (!r) throw std::invalid_argument("item " + std::to_string(id) + " no longer exists");
  return *r;
}
}  // namespace

SetSplitCommand::SetSplitCommand(Workspace* ws, Id itemId, Split split)
    : StorageCommand(ws, itemId, QObject::tr("Set split to %1").arg(QString::fromUtf8(toString(split).data()))),
      split_(split) {}

void SetSplitCommand::apply(storage::Project& p) {
  before_ = existing(p, itemId()).item.split;
  p.setItemSplit(itemId(), split_);
  itemChanged();
}

void SetSplitCommand::revert(storage::Project& p) {
  p.setItemSplit(itemId(), before_);
  itemChanged();
}

SetGroupKeyCommand::SetGroupKeyCommand(Workspace* ws, Id itemId, std::string groupKey)
    : StorageCommand(ws, itemId, QObject::tr("Set group key")), key_(std::move(groupKey)) {}

void SetGroupKeyCommand::apply(storage::Project& p) {
  before_ = existing(p, itemId()).item.groupKey;
  p.setItemGroupKey(itemId(), key_);
  itemChanged();
}

void SetGroupKeyCommand::revert(storage::Project& p) {
  p.setItemGroupKey(itemId(), before_);
  itemChanged();
}

SetReviewedCommand::SetReviewedCommand(Workspace* ws, Id itemId, bool reviewed)
    : StorageCommand(ws, itemId, reviewed ? QObject::tr("Mark reviewed") : QObject::tr("Mark not reviewed")),
      reviewed_(reviewed) {}

void SetReviewedCommand::apply(storage::Project& p) {
  before_ = existing(p, itemId()).reviewed;
  p.setItemReviewed(itemId(), reviewed_);
  itemChanged();
}

void SetReviewedCommand::revert(storage::Project& p) {
  p.setItemReviewed(itemId(), before_);
  itemChanged();
}

SetAttributeCommand::SetAttributeCommand(Workspace* ws, Id itemId, std::string key, std::optional<std::string> value)
    : StorageCommand(ws, itemId,
                     value ? QObject::tr("Set attribute %1").arg(QString::fromStdString(key))
                           : QObject::tr("Remove attribute %1").arg(QString::fromStdString(key))),
      key_(std::move(key)),
      value_(std::move(value)) {}

void SetAttributeCommand::write(storage::Project& p, const std::optional<std::string>& value) {
  if (value) p.setAttribute(itemId(), key_, *value);
  else p.removeAttribute(itemId(), key_);
  itemChanged();
}

void SetAttributeCommand::apply(storage::Project& p) {
  existing(p, itemId());
  const auto attrs = p.attributes(itemId());
  const auto it = attrs.find(key_);
  before_ = it == attrs.end() ? std::nullopt : std::optional<std::string>(it->second);
  write(p, value_);
}

void SetAttributeCommand::revert(storage::Project& p) { write(p, before_); }

}  // namespace loupe::widgets
