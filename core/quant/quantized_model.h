#pragma once
// An int8 network as plain values: everything the blob stores, decoded. Written by the converter,
// serialised by blob_io, read back from stored blobs by the exporters.

#include <cstdint>
#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/quantize_multiplier.h"

namespace loupe::quant {

struct QuantizedLayer {
  nn::LayerType type = nn::LayerType::Dense;
  nn::Activation activation = nn::Activation::None;
  nn::Padding padding = nn::Padding::Valid;
  int kernelH = 1, kernelW = 1, strideH = 1, strideW = 1, depthMultiplier = 1;
  nn::Shape in, out;
  QuantParams inQ, outQ;
  std::int32_t actMin = -128, actMax = 127;
  // conv / depthwise / dense: one entry per output channel.
  std::vector<float> weightScales;
  std::vector<QuantizedMultiplier> multipliers;  // of s_in * s_w[c] / s_out
  std::vector<std::int32_t> bias;                 // scale s_in * s_w[c], zero point 0
  std::vector<std::int8_t> weights;               // TFLite layouts, see network_spec.h
  // softmax: round(2^24 * exp(-d * s_in)), d = 0..255
  std::vector<std::uint32_t> expTable;
  friend bool operator==(const QuantizedLayer&, const QuantizedLayer&) = default;
};

struct QuantizedModel {
  nn::Shape input;
  QuantParams inputQ;
  std::vector<QuantizedLayer> layers;
  friend bool operator==(const QuantizedModel&, const QuantizedModel&) = default;
};

}  // namespace loupe::quant
