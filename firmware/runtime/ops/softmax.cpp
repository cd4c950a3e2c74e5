#include "firmware/runtime/ops/softmax.h"

#include "firmware/runtime/byte_io.h"
#include "firmware/runtime/quant_math.h"

namespace loupe::runtime {

void softmax(const uint8_t* expTable, const TensorShape& shape, const int8_t* input, int8_t* output) {
  const int32_t depth = shape.c;
  const int32_t rows = shape.h * shape.w;
  for (int32_t r = 0; r < rows; ++r) {
    const int8_t* in = input + r * depth;
    int8_t* out = output + r * depth;
    int32_t maxV = -128;
    for (int32_t c = 0; c < depth; ++c)
      if (in[c] > maxV) maxV = in[c];
    // Each term is at most 2^24 and depth < 2^16, so the sum fits 40 bits: uint64 is exact.
    uint64_t sum = 0;
    for (int32_t c = 0; c < depth; ++c) sum += loadU32(expTable + 4 * (maxV - in[c]));
    for (int32_t c = 0; c < depth; ++c) {
      const uint64_t e = loadU32(expTable + 4 * (maxV - in[c]));
      const int32_t q = static_cast<int32_t>((e * 256u + sum / 2u) / sum);  // sum >= 2^24: the max term
      out[c] = static_cast<int8_t>(clampI32(q - 128, -128, 127));
    }
  }
}

}  // namespace loupe::runtime
