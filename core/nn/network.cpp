#include "core/nn/network.h"

#include <algorithm>
#include <stdexcept>

#include "core/nn/softmax.h"

namespace loupe::nn {

Network::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  validateSpec(spec_);
  if (spec_.layers.empty()) throw std::invalid_argument("network has no layers");
  shapes_.push_back(spec_.input);
  for (std::size_t i = 0; i < spec_.layers.size(); ++i) {
    const LayerSpec& l = spec_.layers[i];
    const Shape& in = shapes_.back();
    layers_.push_back(makeLayer(l, in));
    weightOffset_.push_back(parameterCount_);
    if (!l.weights.empty()) blocks_.push_back({static_cast<int>(i), false, parameterCount_, l.weights.size()});
    parameterCount_ += l.weights.size();
    biasOffset_.push_back(parameterCount_);
    if (!l.bias.empty()) blocks_.push_back({static_cast<int>(i), true, parameterCount_, l.bias.size()});
    parameterCount_ += l.bias.size();
    shapes_.push_back(outputShape(in, l));
  }
}

bool Network::endsWithSoftmax() const { return spec_.layers.back().type == LayerType::Softmax; }

float* Network::parameter(const ParameterBlock& b) {
  auto& l = spec_.layers[static_cast<std::size_t>(b.layer)];
  return b.isBias ? l.bias.data() : l.weights.data();
}

void Network::prepare(Workspace& ws, int samples) const {
  if (ws.capacity >= samples && ws.activations.size() == shapes_.size()) return;
  ws.activations.resize(shapes_.size());
  std::size_t largest = 0;
  for (std::size_t i = 0; i < shapes_.size(); ++i) {
    const std::size_t size = static_cast<std::size_t>(samples) * static_cast<std::size_t>(shapes_[i].size());
    ws.activations[i].resize(size);
    largest = std::max(largest, size);
  }
  ws.scratch.resize(layers_.size());
  ws.gradOut.resize(largest);
  ws.gradIn.resize(largest);
  ws.capacity = samples;
}

void Network::forward(Workspace& ws, int n) const {
  for (std::size_t i = 0; i < layers_.size(); ++i)
    layers_[i]->forward(spec_.layers[i], ws.activations[i].data(), ws.activations[i + 1].data(), n, ws.scratch[i]);
}

void Network::backwardLayers(Workspace& ws, int n, int lastLayer, float* grads, float* dInput) const {
  // ws.gradOut holds the gradient w.r.t. the output of `lastLayer`.
  for (int i = lastLayer; i >= 0; --i) {
    const auto li = static_cast<std::size_t>(i);
    float* dIn = i > 0 ? ws.gradIn.data() : dInput;
    layers_[li]->backward(spec_.layers[li], ws.activations[li].data(), ws.activations[li + 1].data(),
                          ws.gradOut.data(), dIn, n, grads + weightOffset_[li], grads + biasOffset_[li],
                          ws.scratch[li]);
    if (i > 0) std::swap(ws.gradOut, ws.gradIn);
  }
}

double Network::backward(Workspace& ws, int n, std::span<const int> labels, std::span<const float> classWeights,
                         double weightSum, float* grads) const {
  if (!endsWithSoftmax()) throw std::logic_error("training needs a network that ends with softmax");
  const double loss = crossEntropy(output(ws), labels.first(static_cast<std::size_t>(n) * static_cast<std::size_t>(cells())), classes(), classWeights,
                                   weightSum, ws.gradOut.data());
  backwardLayers(ws, n, static_cast<int>(layers_.size()) - 2, grads, nullptr);
  return loss;
}

void Network::backwardFrom(Workspace& ws, int n, const float* dOutput, float* grads, float* dInput) const {
  std::copy(dOutput, dOutput + static_cast<std::size_t>(n) * static_cast<std::size_t>(outputSize()), ws.gradOut.data());
  backwardLayers(ws, n, static_cast<int>(layers_.size()) - 1, grads, dInput);
}

}  // namespace loupe::nn
