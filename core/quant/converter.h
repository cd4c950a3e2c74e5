#pragma once
// NetworkSpec (float, TFLite layouts) + calibrated ranges -> QuantizedModel, following the TFLite
// int8 scheme: per-channel symmetric weights in [-127, 127], asymmetric int8 activations with a
// nudged zero point, int32 biases at scale s_in * s_w[c], fixed-point multipliers per channel.

#include <vector>

#include "core/nn/network_spec.h"
#include "core/quant/calibration.h"
#include "core/quant/quantized_model.h"

namespace loupe::quant {

// Symmetric per-channel scales: max|w| / 127 over each output channel (1.0 for an all-zero one).
// Conv (OHWI) and dense ([out][in]) channels are the outer axis; depthwise (1HWO) the inner one.
std::vector<float> perChannelWeightScales(const nn::LayerSpec& layer, int outChannels);

// int8 clamp of a fused activation for an output quantised with q (TFLite
// CalculateActivationRangeQuantized).
void activationRange(nn::Activation a, const QuantParams& q, std::int32_t& actMin, std::int32_t& actMax);

// The softmax table for an input scale: round(2^24 * exp(-d * inputScale)), d = 0..255.
std::vector<std::uint32_t> softmaxExpTable(float inputScale);

// ranges: one per activation, as calibrate() returns them. The input tensor is not calibrated: it
// is fixed by the contract to scale 1/128, zero point 0.
QuantizedModel quantize(const nn::NetworkSpec& net, const std::vector<TensorRange>& ranges);

}  // namespace loupe::quant
