#pragma once
// The float forward pass of a NetworkSpec, one plain function per op, written for clarity rather
// than speed: it is the reference the int8 runtime is compared against and what calibration
// observes. Tensors are NHWC float vectors (batch 1) in the layouts of core/nn/network_spec.h.

#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::quant {

using Tensor = std::vector<float>;

// nn::specProblem's rules (shapes, kernels, strides, parameter counts) and softmax as the last
// layer only; throws std::invalid_argument naming the layer ("layer 0: expected 8 weights, got 3").
void checkSpec(const nn::NetworkSpec& net);

Tensor conv2d(const Tensor& in, const nn::Shape& inShape, const nn::LayerSpec& layer);
Tensor depthwiseConv2d(const Tensor& in, const nn::Shape& inShape, const nn::LayerSpec& layer);
Tensor averagePool(const Tensor& in, const nn::Shape& inShape, const nn::LayerSpec& layer);  // padding not counted
Tensor maxPool(const Tensor& in, const nn::Shape& inShape, const nn::LayerSpec& layer);
Tensor dense(const Tensor& in, const nn::LayerSpec& layer);
Tensor softmax(const Tensor& in, const nn::Shape& inShape);  // over channels, per pixel
void applyActivation(Tensor& t, nn::Activation a);

// One layer, fused activation included.
Tensor applyLayer(const Tensor& in, const nn::Shape& inShape, const nn::LayerSpec& layer);
// Every activation: [input, after layer 0, ...]. The input is normalised ((p - 128) / 128).
std::vector<Tensor> forwardAll(const nn::NetworkSpec& net, const Tensor& input);
Tensor forward(const nn::NetworkSpec& net, const Tensor& input);

}  // namespace loupe::quant
