#pragma once
// int8 max pooling (TFLM reference_integer_ops::MaxPool). Input and output share quantisation;
// padded taps are ignored.

#include "firmware/runtime/ops/op_params.h"
#include "firmware/runtime/tensor_shape.h"

namespace loupe::runtime {

void maxPool(const PoolParams& params, const TensorShape& inShape, const int8_t* input, const TensorShape& outShape,
             int8_t* output);

}  // namespace loupe::runtime
