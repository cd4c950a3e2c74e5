#pragma once
// The FrameChunk header a board sends for `width` x `height` gray8 pixels of frame `frameId`
// starting at `offset` (timestamp 1 ms per frame id), shared by the unit tests and the scripted board.

#include <cstdint>

#include "firmware/protocol/messages.h"

namespace loupe::test {

inline protocol::FrameChunk frameChunkHeader(std::uint32_t frameId, std::uint16_t width, std::uint16_t height,
                                          std::uint32_t offset) {
  protocol::FrameChunk c;
  c.frameId = frameId;
  c.timestampUs = 1000u * frameId;
  c.width = width;
  c.height = height;
  c.totalSize = static_cast<std::uint32_t>(width) * height;
  c.offset = offset;
  return c;
}

}  // namespace loupe::test
