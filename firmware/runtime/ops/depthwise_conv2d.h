#pragma once
// int8 depthwise convolution with per-output-channel weights
// (TFLM reference_integer_ops::DepthwiseConvPerChannel). Output channel ic * multiplier + m
// reads input channel ic.

#include "firmware/runtime/ops/op_params.h"
#include "firmware/runtime/tensor_shape.h"

namespace loupe::runtime {

// filter: [kernelH][kernelW][inShape.c * depthMultiplier] (1HWO), symmetric (zero point 0).
void depthwiseConv2dPerChannel(const ConvParams& params, const PerChannelQuant& quant, const TensorShape& inShape,
                               const int8_t* input, int32_t kernelH, int32_t kernelW, const int8_t* filter,
                               const TensorShape& outShape, int8_t* output);

}  // namespace loupe::runtime
