#pragma once
// Turning a frame from the board into a project item: PNG media, source "device:<id>", the
// board's frame id and timestamp as attributes, and optionally the label given at capture time.
// Shared by the device panel (through an undoable command) and `loupe device stream --save-to`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "core/domain/captured_frame.h"
#include "storage/project.h"

namespace loupe::storage {

std::vector<std::uint8_t> encodePng(const CapturedFrame& frame);

struct CaptureContext {
  std::string deviceId;
  std::optional<std::string> label;  // class name; created if the project lacks it
  std::string labeler = "capture";   // who labelled at capture time (a human at the board)
};

// The item a frame becomes, named and stamped now, not yet stored. Kept by the capture command
// so that a redo stores the very same item again.
storage::NewItem captureItem(const CapturedFrame& frame, const std::string& deviceId);
// Stores `item` as a capture of context.deviceId with the context's label; one transaction.
Id storeCapture(storage::Project& project, const storage::NewItem& item, const CaptureContext& context);
// captureItem + storeCapture; returns the new item's id.
Id saveCapture(storage::Project& project, const CapturedFrame& frame, const CaptureContext& context);

}  // namespace loupe::storage
