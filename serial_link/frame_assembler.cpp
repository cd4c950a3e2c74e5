#include "serial_link/frame_assembler.h"

#include <cstring>

#include "firmware/protocol/limits.h"

namespace loupe::serial_link {

void FrameAssembler::setCamera(std::uint16_t width, std::uint16_t height, protocol::PixelFormat format) {
  if (haveCamera_ && (width != width_ || height != height_ || format != format_)) reset();
  haveCamera_ = true;
  width_ = width;
  height_ = height;
  format_ = format;
}

bool FrameAssembler::acceptable(const protocol::FrameChunk& c) {
  auto reject = [&](std::string why) {
    ++rejected_;
    lastRejection_ = "frame chunk (frame " + std::to_string(c.frameId) + ") rejected: " + why;
    return false;
  };
  auto size = [](std::uint32_t w, std::uint32_t h, protocol::PixelFormat f) {
    return std::to_string(w) + "x" + std::to_string(h) + (f == protocol::PixelFormat::Gray8 ? " gray8" : " RGB565");
  };
  // decode() already tied totalSize to the dimensions and the chunk to the frame's bounds.
  if (c.totalSize > protocol::kMaxCameraFrameBytes)
    return reject("declares " + size(c.width, c.height, c.format) + " = " + std::to_string(c.totalSize) +
                  " bytes, more than the " + std::to_string(protocol::kMaxCameraFrameBytes) + " a frame may have");
  if (!haveCamera_) return reject("no camera size known yet (no handshake)");
  if (c.width != width_ || c.height != height_ || c.format != format_)
    return reject("declares " + size(c.width, c.height, c.format) + " but the board's camera is " +
                  size(width_, height_, format_));
  return true;
}

void FrameAssembler::reset() {
  if (active_) ++dropped_;
  active_ = false;
  haveLast_ = false;
}

std::optional<CapturedFrame> FrameAssembler::add(const protocol::FrameChunk& c) {
  if (!acceptable(c)) return std::nullopt;
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

}  // namespace loupe::serial_link
