#pragma once
// Running a deployed int8 model on one camera frame. Shared verbatim by the board core and the
// host (serial_link, `loupe device infer --check`), so the host reproduces the board's scores bit
// for bit: same preprocessing (nearest-neighbour resize, the same int8 input mapping), same
// kernels (firmware/runtime).

#include <cstddef>
#include <cstdint>

#include "firmware/protocol/messages.h"
#include "firmware/runtime/interpreter.h"
#include "firmware/runtime/model.h"

namespace loupe::inference {

#ifndef LOUPE_FW_ARENA_BYTES
#define LOUPE_FW_ARENA_BYTES (32 * 1024)
#endif
#ifndef LOUPE_FW_MAX_INPUT_BYTES
#define LOUPE_FW_MAX_INPUT_BYTES (96 * 96)
#endif

inline constexpr std::size_t kMaxClasses = 64;
inline constexpr std::size_t kArenaBytes = LOUPE_FW_ARENA_BYTES;
inline constexpr std::size_t kMaxInputBytes = LOUPE_FW_MAX_INPUT_BYTES;

struct FrameInfo {
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  protocol::PixelFormat format = protocol::PixelFormat::Gray8;
};

struct Scores {
  std::int8_t q[kMaxClasses] = {};
  std::uint8_t count = 0;
  float scale = 0;  // real = (q - zeroPoint) * scale
  std::int32_t zeroPoint = 0;
};

// Why a blob cannot run on camera frames here; Ok when it can.
enum class Fit : std::uint8_t { Ok, Invalid, TooManyClasses, InputTooLarge, ArenaTooSmall };
Fit checkModel(const std::uint8_t* blob, std::size_t size);
inline bool modelAccepts(const std::uint8_t* blob, std::size_t size) { return checkModel(blob, size) == Fit::Ok; }
const char* fitName(Fit);

// One loaded model plus the buffers to run it. Big (the arena lives inside): give it static
// storage on the board.
class FrameInference {
 public:
  // Validates and indexes the blob (not copied). On failure the previous model is unloaded.
  bool load(const std::uint8_t* blob, std::size_t size);
  void unload() { loaded_ = false; }
  bool loaded() const { return loaded_; }
  const loupe::runtime::Model& model() const { return model_; }

  // Scores of the loaded model for one frame; false when none is loaded or the frame is empty.
  bool run(const std::uint8_t* pixels, const FrameInfo& frame, Scores& out);

 private:
  loupe::runtime::Model model_;
  bool loaded_ = false;
  std::int8_t lut_[256] = {};  // gray level -> int8 input value
  alignas(4) std::int8_t input_[kMaxInputBytes] = {};
  alignas(4) std::uint8_t arena_[kArenaBytes] = {};
};

}  // namespace loupe::inference
