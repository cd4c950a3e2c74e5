#pragma once
// Reassembles camera frames from FrameChunk messages. Chunks of one frame arrive in order; a
// frame is complete when its bytes are contiguous from 0 to totalSize. A frame left incomplete
// when the next one starts, and ids skipped entirely, count as dropped.
//
// Sizes come from the board, so they are checked before anything is allocated: a chunk must
// describe the camera the board announced at the handshake (setCamera; width, height, format) and
// stay within the hard cap protocol::kMaxCameraFrameBytes, else it is rejected (counted, reason kept)
// and changes nothing. At most one frame is partially assembled at any time.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/captured_frame.h"
#include "firmware/protocol/messages.h"

namespace loupe::serial_link {

class FrameAssembler {
 public:
  // The camera of the board (from its validated DeviceInfo). Until set, every chunk is rejected.
  void setCamera(std::uint16_t width, std::uint16_t height, protocol::PixelFormat format);
  // Returns the frame when this chunk completes it.
  std::optional<CapturedFrame> add(const protocol::FrameChunk& chunk);
  // Frames lost so far.
  std::uint64_t dropped() const { return dropped_; }
  // Chunks refused for their declared size or format, and why the last one was.
  std::uint64_t rejected() const { return rejected_; }
  const std::string& lastRejection() const { return lastRejection_; }
  // Forget the frame in progress (line dropped, board restarted): it counts as dropped.
  void reset();

 private:
  bool acceptable(const protocol::FrameChunk& c);

  bool haveCamera_ = false;
  std::uint16_t width_ = 0, height_ = 0;
  protocol::PixelFormat format_ = protocol::PixelFormat::Gray8;
  CapturedFrame current_;
  std::uint32_t filled_ = 0;
  bool active_ = false;
  bool haveLast_ = false;
  std::uint32_t lastId_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t rejected_ = 0;
  std::string lastRejection_;
};

}  // namespace loupe::serial_link
