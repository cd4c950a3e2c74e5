#pragma once
// Running a deployed int8 model on one camera frame. Shared verbatim by the board core and the
// host (serial_link, `loupe device infer --check`), so the host reproduces the board's scores bit
// for bit: same preprocessing (nearest-neighbour resize, the same int8 input mapping), same
// kernels (firmware/runtime).

#include <cstddef>
#include <cstdint>

#include "firmware/inference/grid_decode.h"
#include "firmware/protocol/messages.h"
#include "firmware/runtime/interpreter.h"
#include "firmware/runtime/model.h"

namespace loupe::inference {

#ifndef LOUPE_FW_ARENA_BYTES
#define LOUPE_FW_ARENA_BYTES (64 * 1024)  // fomo96-det needs 54 KB
#endif
#ifndef LOUPE_FW_MAX_INPUT_BYTES
#define LOUPE_FW_MAX_INPUT_BYTES (96 * 96)
#endif

#ifndef LOUPE_FW_MAX_OUTPUT_BYTES
#define LOUPE_FW_MAX_OUTPUT_BYTES 4096
#endif
#ifndef LOUPE_FW_DETECTION_THRESHOLD
#define LOUPE_FW_DETECTION_THRESHOLD 0.7f  // core/nn's kDefaultDetectionThreshold
#endif

inline constexpr std::size_t kMaxClasses = 64;  // a classifier's scores, sent as they are
inline constexpr std::size_t kArenaBytes = LOUPE_FW_ARENA_BYTES;
inline constexpr std::size_t kMaxInputBytes = LOUPE_FW_MAX_INPUT_BYTES;
inline constexpr std::size_t kMaxOutputBytes = LOUPE_FW_MAX_OUTPUT_BYTES;  // a detector's grid
inline constexpr float kDetectionThreshold = LOUPE_FW_DETECTION_THRESHOLD;

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

// Why a blob cannot run on camera frames here; Ok when it can. A model is a classifier (a 1x1
// output of at most kMaxClasses scores) or a grid detector (isGridOutput, at most kMaxOutputBytes).
enum class Fit : std::uint8_t { Ok, Invalid, TooManyClasses, InputTooLarge, ArenaTooSmall, GridTooLarge };
Fit checkModel(const std::uint8_t* blob, std::size_t size);
inline bool modelAccepts(const std::uint8_t* blob, std::size_t size) { return checkModel(blob, size) == Fit::Ok; }
const char* fitName(Fit);

// A detection as the protocol's Detections message carries it.
protocol::DetectionRecord wireRecord(const GridDetection& d);

// One loaded model plus the buffers to run it. Big (the arena lives inside): give it static
// storage on the board.
class FrameInference {
 public:
  // Validates and indexes the blob (not copied). On failure the previous model is unloaded.
  bool load(const std::uint8_t* blob, std::size_t size);
  void unload() { loaded_ = false; }
  bool loaded() const { return loaded_; }
  const loupe::runtime::Model& model() const { return model_; }

  bool isDetector() const { return loaded_ && detector_; }

  // A classifier's scores for one frame; false when no classifier is loaded or the frame is empty.
  bool run(const std::uint8_t* pixels, const FrameInfo& frame, Scores& out);
  // A detector's detections for one frame at kDetectionThreshold; false when no detector is
  // loaded or the frame is empty.
  bool detect(const std::uint8_t* pixels, const FrameInfo& frame, Detections& out);

 private:
  bool invoke(const std::uint8_t* pixels, const FrameInfo& frame);

  loupe::runtime::Model model_;
  bool loaded_ = false;
  bool detector_ = false;
  int backgroundMax_ = -129;  // the loaded detector's backgroundCeiling(kDetectionThreshold)
  std::int8_t lut_[256] = {};  // gray level -> int8 input value
  alignas(4) std::int8_t input_[kMaxInputBytes] = {};
  alignas(4) std::uint8_t arena_[kArenaBytes] = {};
  alignas(4) std::int8_t output_[kMaxOutputBytes] = {};
  GridDecoder grid_;
};

}  // namespace loupe::inference
