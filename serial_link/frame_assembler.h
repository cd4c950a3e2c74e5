#pragma once
// Reassembles camera frames from FrameChunk messages. Chunks of one frame arrive in order; a
// frame is complete when its bytes are contiguous from 0 to totalSize. A frame left incomplete
// when the next one starts, and ids skipped entirely, count as dropped.

#include <cstdint>
#include <optional>
#include <vector>

#include "firmware/protocol/messages.h"

namespace loupe::link {

struct CapturedFrame {
  std::uint32_t frameId = 0;
  std::uint64_t timestampUs = 0;  // board clock
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  proto::PixelFormat format = proto::PixelFormat::Gray8;
  std::vector<std::uint8_t> pixels;
};

class FrameAssembler {
 public:
  // Returns the frame when this chunk completes it.
  std::optional<CapturedFrame> add(const proto::FrameChunk& chunk);
  // Frames lost so far.
  std::uint64_t dropped() const { return dropped_; }
  // Forget the frame in progress (line dropped, board restarted): it counts as dropped.
  void reset();

 private:
  CapturedFrame current_;
  std::uint32_t filled_ = 0;
  bool active_ = false;
  bool haveLast_ = false;
  std::uint32_t lastId_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace loupe::link
