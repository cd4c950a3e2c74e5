#include "firmware/runtime/ops/fully_connected.h"

#include "firmware/runtime/ops/requantize.h"

namespace loupe::runtime {

void fullyConnectedPerChannel(const ConvParams& p, const PerChannelQuant& quant, int32_t inSize,
                              const int8_t* input, int32_t outSize, const int8_t* weights, int8_t* output) {
  for (int32_t o = 0; o < outSize; ++o) {
    const int8_t* w = weights + o * inSize;
    int32_t acc = 0;
    for (int32_t i = 0; i < inSize; ++i) acc += static_cast<int32_t>(w[i]) * (input[i] + p.inputOffset);
    output[o] = requantizeChannel(acc, p, quant, o);
  }
}

}  // namespace loupe::runtime
