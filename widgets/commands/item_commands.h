#pragma once
// Edits of an item: split, group key, reviewed flag, attributes.

#include <optional>
#include <string>

#include "core/domain/types.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

class SetSplitCommand : public StorageCommand {
 public:
  SetSplitCommand(Workspace* ws, Id itemId, Split split);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  Split split_, before_ = Split::Unassigned;
};

class SetGroupKeyCommand : public StorageCommand {
 public:
  SetGroupKeyCommand(Workspace* ws, Id itemId, std::string groupKey);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::string key_, before_;
};

class SetReviewedCommand : public StorageCommand {
 public:
  SetReviewedCommand(Workspace* ws, Id itemId, bool reviewed);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  bool reviewed_, before_ = false;
};

// Sets (value) or removes (nullopt) one attribute; undo restores the previous state.
class SetAttributeCommand : public StorageCommand {
 public:
  SetAttributeCommand(Workspace* ws, Id itemId, std::string key, std::optional<std::string> value);

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void write(storage::Project& p, const std::optional<std::string>& value);
  std::string key_;
  std::optional<std::string> value_, before_;
};

}  // namespace loupe::widgets
