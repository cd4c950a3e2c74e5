#pragma once
// int8 softmax over the channel axis, float-free and table-driven (a documented departure from
// TFLM, which evaluates exp with gemmlowp fixed point; see docs/quantization.md). The converter
// stores expTable[d] = round(2^24 * exp(-d * inputScale)) for d = 0..255, so for each pixel
//   y[c] = clamp(round(256 * expTable[max - x[c]] / sum_k expTable[max - x[k]]) - 128, -128, 127)
// i.e. probabilities with TFLite's fixed output quantisation (scale 1/256, zero point -128).

#include <cstdint>

#include "firmware/runtime/tensor_shape.h"

namespace loupe::runtime {

// expTable: 256 little-endian uint32 values as stored in the blob.
void softmax(const uint8_t* expTable, const TensorShape& shape, const int8_t* input, int8_t* output);

}  // namespace loupe::runtime
