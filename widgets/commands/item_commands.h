#pragma once
// Edits of an item: split, group key, reviewed flag (one field each), attributes.

#include <QString>

#include <functional>
#include <optional>
#include <string>

#include "core/domain/types.h"
#include "storage/records.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

// The item, or std::invalid_argument when it was removed meanwhile.
storage::ItemRecord existingItem(storage::Project& p, Id itemId);
// Throws storage::EditConflict naming the item unless `unchanged` (an undo/redo found the field
// as this command left it).
void requireUnchanged(Id itemId, bool unchanged);

// Sets one field of an item; undo writes the value read just before the edit back, unless
// another process changed the field since.
template <typename T>
class SetItemFieldCommand : public StorageCommand {
 public:
  using Read = std::function<T(const storage::ItemRecord&)>;
  using Write = std::function<void(storage::Project&, Id, const T&)>;
  SetItemFieldCommand(Workspace* ws, Id itemId, T value, Read read, Write write, const QString& text)
      : StorageCommand(ws, itemId, text), value_(std::move(value)), read_(std::move(read)), write_(std::move(write)) {}

 protected:
  void apply(storage::Project& p) override {
    const T now = read_(existingItem(p, itemId()));
    if (!reapplying()) before_ = now;
    else requireUnchanged(itemId(), now == before_);
    write_(p, itemId(), value_);
    itemChanged();
  }
  void revert(storage::Project& p) override {
    requireUnchanged(itemId(), read_(existingItem(p, itemId())) == value_);
    write_(p, itemId(), before_);
    itemChanged();
  }

 private:
  T value_, before_{};
  Read read_;
  Write write_;
};

StorageCommand* setSplitCommand(Workspace* ws, Id itemId, Split split);
StorageCommand* setGroupKeyCommand(Workspace* ws, Id itemId, std::string groupKey);
StorageCommand* setReviewedCommand(Workspace* ws, Id itemId, bool reviewed);

// Sets (value) or removes (nullopt) one attribute; undo restores the previous state.
class SetAttributeCommand : public StorageCommand {
 public:
  SetAttributeCommand(Workspace* ws, Id itemId, std::string key, std::optional<std::string> value);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void write(storage::Project& p, const std::optional<std::string>& value);
  std::optional<std::string> current(storage::Project& p) const;
  std::string key_;
  std::optional<std::string> value_, before_;
};

}  // namespace loupe::widgets
