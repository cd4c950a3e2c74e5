#pragma once
// Runs a loaded Model on one int8 input. No heap: activations live in a caller-provided arena of
// at least requiredArenaBytes(model) bytes, 4-byte aligned. Not thread-safe per instance.

#include <cstddef>
#include <cstdint>

#include "firmware/runtime/model.h"
#include "firmware/runtime/status.h"

namespace loupe::runtime {

class Interpreter {
 public:
  // The model and the arena must outlive the interpreter. Check status() before invoke().
  Interpreter(const Model& model, uint8_t* arena, size_t arenaBytes);

  Status status() const { return status_; }

  // input: model.inputShape().size() int8 values (NHWC); output: model.outputShape().size()
  // int8 values. input and output must not overlap the arena. Deterministic and bit-identical
  // on every platform.
  Status invoke(const int8_t* input, int8_t* output);

 private:
  const Model& model_;
  uint8_t* arena_;
  Status status_;
};

}  // namespace loupe::runtime
