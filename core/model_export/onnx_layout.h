#pragma once
// Layout conversions (and the node patterns they imply) from Loupe's TFLite conventions (NHWC, OHWI, 1HWO, SAME/VALID) to ONNX's
// (NCHW, OIHW, explicit pads), shared by the float and the QDQ exporters.

#include <cstdint>
#include <vector>

#include "core/model_export/onnx_builder.h"
#include "core/nn/network_spec.h"

namespace loupe::model_export {

// Conv weights [o][h][w][i] -> [o][i][h][w].
template <class T>
std::vector<T> ohwiToOihw(const std::vector<T>& w, int o, int h, int wd, int i) {
  std::vector<T> out(w.size());
  for (int a = 0; a < o; ++a)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < wd; ++x)
        for (int c = 0; c < i; ++c) out[((a * i + c) * h + y) * wd + x] = w[((a * h + y) * wd + x) * i + c];
  return out;
}

// Depthwise weights [h][w][outC] -> grouped-conv weights [outC][1][h][w] (group = input channels;
// output channel ic * multiplier + m reads input channel ic in both conventions).
template <class T>
std::vector<T> depthwiseToOihw(const std::vector<T>& w, int h, int wd, int outC) {
  std::vector<T> out(w.size());
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < wd; ++x)
      for (int c = 0; c < outC; ++c) out[(c * h + y) * wd + x] = w[(y * wd + x) * outC + c];
  return out;
}

// ONNX pads [top, left, bottom, right] reproducing TensorFlow's SAME (extra padding at the end) or VALID.
std::vector<std::int64_t> onnxPads(nn::Padding padding, const nn::Shape& in, const nn::Shape& out, int kernelH,
                                   int kernelW, int strideH, int strideW);

// kernel_shape, strides and pads of a Conv/pool node.
std::vector<onnx::Attribute> windowAttributes(nn::Padding padding, const nn::Shape& in, const nn::Shape& out,
                                              int kernelH, int kernelW, int strideH, int strideW);

// NCHW -> the [N, H*W*C] row Loupe's dense layers read (they flatten HWC).
std::string flattenHwc(onnx::GraphBuilder& g, const std::string& x);

// The fused activation as Relu, or Clip(0, 6) for ReLU6; returns x unchanged for none.
std::string fusedActivation(onnx::GraphBuilder& g, const std::string& x, nn::Activation a);

}  // namespace loupe::model_export
