#pragma once
// int8 fully connected layer with per-output-channel weights (TFLM reference_integer_ops::
// FullyConnected, per-channel variant). The input is the previous tensor flattened in HWC order.

#include "firmware/runtime/ops/op_params.h"

namespace loupe::runtime {

// weights: [outSize][inSize], symmetric (zero point 0). Uses inputOffset, outputOffset, actMin/Max.
void fullyConnectedPerChannel(const ConvParams& params, const PerChannelQuant& quant, int32_t inSize,
                              const int8_t* input, int32_t outSize, const int8_t* weights, int8_t* output);

}  // namespace loupe::runtime
