#pragma once
// int8 average pooling (TFLM reference_integer_ops::AveragePool). Input and output share scale and
// zero point, so the quantised values are averaged directly; padded taps are not counted.

#include "firmware/runtime/ops/op_params.h"
#include "firmware/runtime/tensor_shape.h"

namespace loupe::runtime {

void averagePool(const PoolParams& params, const TensorShape& inShape, const int8_t* input,
                 const TensorShape& outShape, int8_t* output);

}  // namespace loupe::runtime
