#pragma once
// A NetworkSpec made runnable: validated shapes, one Layer per LayerSpec, the flat layout of
// its parameters (for gradients and optimiser state), and forward/backward over a Workspace.
// The Network owns the spec, so training updates spec().layers[i].weights in place and the
// trained network is exported by copying the spec.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "core/nn/layer.h"
#include "core/nn/network_spec.h"

namespace loupe::nn {

// Where one parameter tensor lives in the flat gradient vector.
struct ParameterBlock {
  int layer = 0;
  bool isBias = false;
  std::size_t offset = 0;
  std::size_t count = 0;
};

// Buffers for running a number of samples through the network; reused across batches.
struct Workspace {
  std::vector<std::vector<float>> activations;  // [0] = input, [i + 1] = output of layer i
  std::vector<LayerScratch> scratch;            // per layer
  std::vector<float> gradOut, gradIn;           // ping-pong gradient buffers
  int capacity = 0;                             // samples
};

class Network {
 public:
  // Throws std::invalid_argument naming the layer when shapes or parameter counts do not fit.
  explicit Network(NetworkSpec spec);

  const NetworkSpec& spec() const { return spec_; }
  NetworkSpec& spec() { return spec_; }
  const std::vector<Shape>& shapes() const { return shapes_; }
  // Channels of the output: classes of a classifier (1x1xC), classes + background of a detector
  // (HxWxC grid). cells() is H*W, so one sample has cells() labels in training.
  int classes() const { return shapes_.back().c; }
  int cells() const { return shapes_.back().h * shapes_.back().w; }
  int outputSize() const { return shapes_.back().size(); }
  bool endsWithSoftmax() const;
  const std::vector<ParameterBlock>& parameterBlocks() const { return blocks_; }
  std::size_t parameterCount() const { return parameterCount_; }
  float* parameter(const ParameterBlock& b);

  void prepare(Workspace& ws, int samples) const;
  // Runs ws.activations[0] (n samples, already normalised) through every layer.
  void forward(Workspace& ws, int n) const;
  // Back-propagates the softmax cross-entropy of the last forward pass (the network must end
  // with Softmax) against n * cells() labels and accumulates parameter gradients into `grads`
  // (parameterCount() floats).
  // Returns this part's share of the batch loss (normalised by the whole batch's weightSum).
  double backward(Workspace& ws, int n, std::span<const int> labels, std::span<const float> classWeights,
                  double weightSum, float* grads) const;
  // Back-propagates an arbitrary gradient of the network output (used by gradient checks).
  void backwardFrom(Workspace& ws, int n, const float* dOutput, float* grads, float* dInput) const;
  const float* output(const Workspace& ws) const { return ws.activations.back().data(); }

 private:
  void backwardLayers(Workspace& ws, int n, int lastLayer, float* grads, float* dInput) const;
  NetworkSpec spec_;
  std::vector<Shape> shapes_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<ParameterBlock> blocks_;
  std::vector<std::size_t> weightOffset_, biasOffset_;  // per layer
  std::size_t parameterCount_ = 0;
};

}  // namespace loupe::nn
