#pragma once
// Checked access to the tensors and constant buffers of a verified TFLite subgraph. The
// flatbuffers Verifier guarantees only that offsets stay inside the file; every index, shape,
// size and quantisation parameter is still the file's word, so each is checked here and a bad
// one is an InputError naming the file and the field.

#include <cstdint>
#include <string>
#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/quantize_multiplier.h"
#include "core/tflite/tflite_subset_generated.h"

namespace loupe::tflite {

// Largest side or channel count the runtime blob can hold (u16 fields), and the largest
// constant tensor read: a board model is far below both.
inline constexpr int kMaxDim = 65535;
inline constexpr std::size_t kMaxConstantElements = std::size_t(1) << 24;

class TensorReader {
 public:
  TensorReader(const fb::Model& model, const fb::SubGraph& graph, std::string file);

  [[noreturn]] void fail(const std::string& field, const std::string& message) const;
  std::string field(int tensor) const;  // "subgraphs[0].tensors[7]"

  const fb::Tensor& tensor(int index, const std::string& usedAs) const;
  std::vector<int> dims(int index) const;  // every dimension in 1..kMaxDim
  // An activation: int8, [1, H, W, C] or [1, N] (N as 1 x 1 x N), one scale and zero point.
  nn::Shape activationShape(int index) const;
  quant::QuantParams activationQuant(int index) const;
  bool isFloatActivation(int index) const;
  // A constant of exactly `count` elements of the tensor's own type (int8 or int32).
  std::vector<std::int8_t> int8Constant(int index, std::size_t count) const;
  std::vector<std::int32_t> int32Constant(int index, std::size_t count) const;
  // Symmetric weight scales, one per output channel along `dimension` (a single scale is
  // per-tensor quantisation and applies to every channel); zero points must be 0.
  std::vector<float> weightScales(int index, int channels, int dimension) const;

 private:
  std::vector<std::uint8_t> constantBytes(int index, std::size_t bytes) const;
  const fb::Model& model_;
  const fb::SubGraph& graph_;
  std::string file_;
};

}  // namespace loupe::tflite
