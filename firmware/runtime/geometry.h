#pragma once
// TensorFlow's SAME/VALID geometry of a windowed layer (conv, depthwise, pooling) and the weight
// count of each parameterised op: the one source for training (core/nn), the float reference and
// the converter (core/quant), the ONNX export (core/model_export) and the int8 runtime, so every path
// shapes and pads a layer alike. Freestanding (<cstdint> only): it is compiled for the board too.

#include <cstdint>

namespace loupe::runtime {

// Output extent of one axis: SAME -> ceil(in / stride), VALID -> ceil((in - filter + 1) / stride).
constexpr int32_t outputExtent(int32_t in, int32_t filter, int32_t stride, bool same) {
  return same ? (in + stride - 1) / stride : (in - filter + stride) / stride;
}

// Implicit padding of one SAME axis in total (TFLite ComputePadding); VALID pads nothing.
constexpr int32_t totalPadding(int32_t stride, int32_t in, int32_t filter, int32_t out) {
  const int32_t total = (out - 1) * stride + filter - in;
  return total > 0 ? total : 0;
}

// The padding before the first input pixel: the odd pixel goes to the bottom/right.
constexpr int32_t leadingPadding(int32_t stride, int32_t in, int32_t filter, int32_t out) {
  return totalPadding(stride, in, filter, out) / 2;
}

// The input positions [begin, end) of one axis that the window of output position `o` covers,
// clipped to the input: pooling counts and compares only these.
struct WindowSpan {
  int32_t begin, end;
};
constexpr WindowSpan windowSpan(int32_t o, int32_t stride, int32_t pad, int32_t filter, int32_t in) {
  const int32_t first = o * stride - pad;
  return {first > 0 ? first : 0, first + filter < in ? first + filter : in};
}

// Weights of each parameterised op, in the layouts of blob_format.h: conv OHWI, depthwise 1HWO,
// fully connected [out][in]. int64 so an absurd record cannot overflow the check.
constexpr int64_t convWeightCount(int32_t outC, int32_t kernelH, int32_t kernelW, int32_t inC) {
  return int64_t{outC} * kernelH * kernelW * inC;
}
constexpr int64_t depthwiseWeightCount(int32_t kernelH, int32_t kernelW, int32_t outC) {
  return int64_t{kernelH} * kernelW * outC;
}
constexpr int64_t fullyConnectedWeightCount(int32_t outC, int32_t inSize) { return int64_t{outC} * inSize; }

static_assert(outputExtent(96, 3, 2, true) == 48 && leadingPadding(2, 96, 3, 48) == 0 &&
              totalPadding(2, 96, 3, 48) == 1);

}  // namespace loupe::runtime
