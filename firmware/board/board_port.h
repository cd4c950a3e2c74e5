#pragma once
// What the board core needs from the hardware. The Arduino sketch implements it with USB CDC
// Serial, micros() and the OV7675; the virtual board with the CMSDK UART, SysTick and bundled
// frames; host tests with in-memory buffers.

#include <cstddef>
#include <cstdint>

#include "firmware/inference/infer.h"

namespace loupe::board {

class BoardPort {
 public:
  // Non-blocking: copies up to `capacity` received bytes, returns how many.
  virtual std::size_t read(std::uint8_t* out, std::size_t capacity) = 0;
  // Blocking until queued for transmission.
  virtual void write(const std::uint8_t* data, std::size_t size) = 0;
  virtual std::uint64_t micros() = 0;
  // Fills `out` (capacity bytes) with the next camera frame; false if none is available.
  virtual bool capture(std::uint8_t* out, std::size_t capacity, inference::FrameInfo& info) = 0;
  virtual std::uint32_t freeRam() = 0;

 protected:
  ~BoardPort() = default;
};

// Fixed facts about the board, reported in DeviceInfo.
struct BoardIdentity {
  const char* board = "";
  const char* firmwareVersion = "";
  const char* sensor = "";
  const char* deviceId = "";
  inference::FrameInfo frame;
};

}  // namespace loupe::board
