#pragma once
// A validated, read-only view of a model blob (format: blob_format.h, docs/model-format.md).
// load() checks everything the interpreter relies on -- magic, version, length, CRC-32, every
// record's sizes and parameters, and that each layer's shape follows from its input -- so invoke()
// never reads outside the blob or the arena. The blob is not copied and must outlive the Model.

#include <cstddef>
#include <cstdint>

#include "firmware/runtime/blob_format.h"
#include "firmware/runtime/ops/op_params.h"
#include "firmware/runtime/status.h"
#include "firmware/runtime/tensor_shape.h"

namespace loupe::runtime {

// One layer record, decoded. Pointers point into the blob.
struct LayerView {
  blob::Op op = blob::Op::Conv2D;
  blob::FusedActivation activation = blob::FusedActivation::None;
  blob::Padding padding = blob::Padding::Valid;
  int32_t kernelH = 1, kernelW = 1, strideH = 1, strideW = 1, depthMultiplier = 1;
  TensorShape in, out;
  uint32_t inScaleBits = 0, outScaleBits = 0;  // IEEE-754 binary32 bit patterns
  int32_t inZeroPoint = 0, outZeroPoint = 0;
  int32_t actMin = -128, actMax = 127;
  int32_t channels = 0;                 // per-channel parameter count
  const uint8_t* weightScales = nullptr;  // f32[channels]
  PerChannelQuant quant;                // multipliers, shifts, biases
  const int8_t* weights = nullptr;
  int32_t weightCount = 0;
  const uint8_t* expTable = nullptr;    // softmax only
};

class Model {
 public:
  static constexpr int kMaxLayers = 64;

  // Validates and indexes the blob. On failure the model stays unloaded.
  Status load(const uint8_t* blob, size_t len);

  bool loaded() const { return blob_ != nullptr; }
  int layerCount() const { return layerCount_; }
  LayerView layer(int index) const;  // index in [0, layerCount())

  TensorShape inputShape() const { return input_; }
  TensorShape outputShape() const { return output_; }
  int32_t inputZeroPoint() const { return inputZeroPoint_; }
  uint32_t inputScaleBits() const { return inputScaleBits_; }
  int32_t outputZeroPoint() const;
  uint32_t outputScaleBits() const;
  float inputScale() const { return __builtin_bit_cast(float, inputScaleBits_); }
  float outputScale() const { return __builtin_bit_cast(float, outputScaleBits()); }

  // The blob's CRC-32 (its trailer): identifies the model on the board and in the project.
  uint32_t id() const { return id_; }
  const uint8_t* data() const { return blob_; }
  size_t size() const { return size_; }

  // Arena plan (ping-pong): intermediate activation k (1 <= k < layerCount) lives in slot
  // (k - 1) % 2; slot 0 starts at offset 0, slot 1 right after slot 0 (both 4-byte rounded).
  // The input and the output are the caller's buffers, not in the arena.
  size_t slotBytes(int slot) const { return slot == 0 ? slot0_ : slot1_; }
  size_t arenaBytes() const { return slot0_ + slot1_; }

 private:
  const uint8_t* blob_ = nullptr;
  size_t size_ = 0;
  int layerCount_ = 0;
  uint32_t offsets_[kMaxLayers] = {};
  TensorShape input_, output_;
  int32_t inputZeroPoint_ = 0;
  uint32_t inputScaleBits_ = 0;
  uint32_t id_ = 0;
  size_t slot0_ = 0, slot1_ = 0;
};

// Bytes of arena the interpreter needs for this model (0 if not loaded).
inline size_t requiredArenaBytes(const Model& model) { return model.loaded() ? model.arenaBytes() : 0; }

}  // namespace loupe::runtime
