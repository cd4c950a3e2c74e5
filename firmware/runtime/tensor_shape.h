#pragma once
// Shape of one activation tensor: NHWC with batch 1. int8 data, so size() is also its byte count.

#include <cstdint>

namespace loupe::runtime {

struct TensorShape {
  int32_t h = 0, w = 0, c = 0;
  int32_t size() const { return h * w * c; }
};

}  // namespace loupe::runtime
