#pragma once
// Host-side convenience around the portable runtime: owns a copy of the blob and an arena, and
// runs the very same kernels the board runs.

#include <cstdint>
#include <vector>

#include "core/quant/float_reference.h"
#include "firmware/runtime/interpreter.h"

namespace loupe::quant {

class Int8Runner {
 public:
  // Throws std::runtime_error("model blob: <reason>") when the runtime rejects the blob.
  explicit Int8Runner(std::vector<std::uint8_t> blob);
  Int8Runner(const Int8Runner&) = delete;
  Int8Runner& operator=(const Int8Runner&) = delete;

  const loupe::runtime::Model& model() const { return model_; }
  std::vector<std::int8_t> run(const std::vector<std::int8_t>& input);
  // Quantises a normalised float input with the model's input parameters, then runs.
  std::vector<std::int8_t> runFloat(const Tensor& input);
  // Dequantised output (real = (q - zp) * scale).
  std::vector<float> dequantize(const std::vector<std::int8_t>& output) const;

 private:
  std::vector<std::uint8_t> blob_;
  loupe::runtime::Model model_;
  std::vector<std::uint32_t> arena_;  // uint32 storage keeps the arena 4-byte aligned
};

// Index of the largest value; the first one on ties (as argmax in numpy and onnxruntime).
template <class T>
int argmax(const std::vector<T>& v) {
  int best = 0;
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i] > v[std::size_t(best)]) best = int(i);
  return best;
}

}  // namespace loupe::quant
