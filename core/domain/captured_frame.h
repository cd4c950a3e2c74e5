#pragma once
// One camera frame as it arrived from a board, reassembled (serial_link/frame_assembler) and
// ready to be shown or stored as an item (storage/capture). A plain value so storage can take it
// without depending on the serial link.

#include <cstdint>
#include <vector>

#include "firmware/protocol/messages.h"

namespace loupe {

struct CapturedFrame {
  std::uint32_t frameId = 0;
  std::uint64_t timestampUs = 0;  // board clock
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  protocol::PixelFormat format = protocol::PixelFormat::Gray8;
  std::vector<std::uint8_t> pixels;
};

}  // namespace loupe
