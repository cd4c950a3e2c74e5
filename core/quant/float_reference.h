#pragma once
// The float forward pass of a NetworkSpec, one plain function per op, written for clarity rather
// than speed: it is the reference the int8 runtime is compared against and what calibration
// observes. Tensors are NHWC float vectors (batch 1) in the layouts of core/nn/network_spec.h.

#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::quant {

using Tensor = std::vector<float>;

// Throws std::invalid_argument naming the layer when weights/bias sizes do not fit the shapes,
// a kernel/stride is not positive, or softmax is not the last layer.
void checkSpec(const nn::NetworkSpec& net);

// SAME padding before the first pixel, as TensorFlow computes it.
int leadingPad(int in, int kernel, int stride, int out);

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
