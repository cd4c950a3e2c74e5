#pragma once
// One camera frame as it arrived from a board, reassembled (serial_link/frame_assembler) and
// ready to be shown or stored as an item (storage/capture). A plain value so storage can take it
// without depending on the serial link.

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain/types.h"

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

// One box a model on the board found in a frame, in frame pixels.
struct FrameDetection {
  std::string label;  // class name
  double score = 0;
  Box box;
  double cx = 0, cy = 0;  // centroid
};

// What the board's model said about one frame: stored with a capture as that model's boxes
// (shadow mode: the model's answers next to the human labels).
struct FramePrediction {
  std::string model;  // labeler name: the deployed model's name
  std::vector<FrameDetection> boxes;
};

}  // namespace loupe
