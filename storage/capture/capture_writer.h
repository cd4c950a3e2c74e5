#pragma once
// Turning a frame from the board into a project item: PNG media, source "device:<id>", the
// board's frame id and timestamp as attributes, optionally the label given at capture time and
// the deployed model's detections (shadow mode: its boxes beside the human labels).
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

// A frame taken but not stored yet: its item and what the board's model found in it.
struct PendingCapture {
  storage::NewItem item;
  std::uint32_t frameId = 0;  // the board's, to attach detections that arrive after the pixels
  std::optional<FramePrediction> prediction;
};

// The item a frame becomes, named and stamped now, not yet stored. Kept by the capture command
// so that a redo stores the very same item again.
storage::NewItem captureItem(const CapturedFrame& frame, const std::string& deviceId);
// Stores `item` as a capture of context.deviceId with the context's label and, when given, the
// board model's boxes for that frame as boxes of the model labeler prediction->model (created as
// a model labeler; refused when a human labeler has that name); one transaction.
Id storeCapture(storage::Project& project, const storage::NewItem& item, const CaptureContext& context,
                const FramePrediction* prediction = nullptr);
// captureItem + storeCapture; returns the new item's id.
Id saveCapture(storage::Project& project, const CapturedFrame& frame, const CaptureContext& context,
               const FramePrediction* prediction = nullptr);

}  // namespace loupe::storage
