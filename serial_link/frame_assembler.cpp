#include "serial_link/frame_assembler.h"

#include <cstring>

namespace loupe::link {

void FrameAssembler::reset() {
  if (active_) ++dropped_;
  active_ = false;
  haveLast_ = false;
}

std::optional<CapturedFrame> FrameAssembler::add(const proto::FrameChunk& c) {
  if (active_ && c.frameId != current_.frameId) {
    ++dropped_;  // the previous frame never completed
    active_ = false;
  }
  if (!active_) {
    if (c.offset != 0) {
      // We joined mid-frame (or its first chunk was lost): the frame cannot be completed.
      if (!haveLast_ || c.frameId != lastId_) {
        if (haveLast_ && c.frameId > lastId_) dropped_ += c.frameId - lastId_;
        haveLast_ = true;
        lastId_ = c.frameId;
      }
      return std::nullopt;
    }
    if (haveLast_ && c.frameId > lastId_ + 1) dropped_ += c.frameId - lastId_ - 1;
    haveLast_ = true;
    lastId_ = c.frameId;
    active_ = true;
    current_.frameId = c.frameId;
    current_.timestampUs = c.timestampUs;
    current_.width = c.width;
    current_.height = c.height;
    current_.format = c.format;
    current_.pixels.assign(c.totalSize, 0);
    filled_ = 0;
  }
  if (c.offset != filled_ || c.totalSize != current_.pixels.size()) {
    ++dropped_;  // a chunk went missing in between
    active_ = false;
    return std::nullopt;
  }
  std::memcpy(current_.pixels.data() + c.offset, c.data, c.dataSize);
  filled_ += static_cast<std::uint32_t>(c.dataSize);
  if (filled_ < current_.pixels.size()) return std::nullopt;
  active_ = false;
  return current_;
}

}  // namespace loupe::link
