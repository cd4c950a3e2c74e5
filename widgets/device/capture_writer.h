#pragma once
// Turning a frame from the board into a project item: PNG media, source "device:<id>", the
// board's frame id and timestamp as attributes, and optionally the label given at capture time.
// Shared by the device panel and `loupe device stream --save-to`.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "serial_link/frame_assembler.h"
#include "storage/project.h"

namespace loupe::device {

std::vector<std::uint8_t> encodePng(const link::CapturedFrame& frame);

struct CaptureContext {
  std::string deviceId;
  std::optional<std::string> label;  // class name; created if the project lacks it
  std::string labeler = "capture";   // who labelled at capture time (a human at the board)
};

// One transaction; returns the new item's id.
Id saveCapture(storage::Project& project, const link::CapturedFrame& frame, const CaptureContext& context);

}  // namespace loupe::device
