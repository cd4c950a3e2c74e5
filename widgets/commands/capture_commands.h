#pragma once
// Capturing frames from the board into the project as one undoable edit: redo stores the items
// (PNG, source device:<id>, frame attributes, the capture label, the board model's boxes), undo
// removes them again. The items are built once, so a redo stores the same names, pixels and
// capture times.

#include <QString>

#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"
#include "widgets/commands/storage_command.h"
#include "storage/capture/capture_writer.h"

namespace loupe::widgets {

class CaptureCommand : public StorageCommand {
 public:
  CaptureCommand(Workspace* ws, std::vector<storage::PendingCapture> items, storage::CaptureContext context);
  // Ids of the stored items (empty while undone).
  const std::vector<Id>& storedIds() const { return ids_; }

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  std::vector<storage::PendingCapture> items_;
  storage::CaptureContext context_;
  std::vector<Id> ids_;
};

}  // namespace loupe::widgets
