#pragma once
// The output stage every per-channel kernel shares, as in TFLite's reference kernels: add the
// channel's int32 bias, scale by its fixed-point multiplier and shift, add the output zero point
// and clamp to the fused activation's int8 range. One copy, so conv, depthwise and dense cannot
// drift apart in rounding.

#include <cstdint>

#include "firmware/runtime/ops/op_params.h"
#include "firmware/runtime/quant_math.h"

namespace loupe::runtime {

inline int8_t requantizeChannel(int32_t acc, const ConvParams& p, const PerChannelQuant& quant, int32_t channel) {
  acc += quant.bias(channel);
  acc = multiplyByQuantizedMultiplier(acc, quant.multiplier(channel), quant.shift(channel));
  acc += p.outputOffset;
  return static_cast<int8_t>(clampI32(acc, p.actMin, p.actMax));
}

}  // namespace loupe::runtime
