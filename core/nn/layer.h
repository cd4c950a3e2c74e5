#pragma once
// One layer's arithmetic, forward and backward, over a batch of n samples. Layers are stateless:
// the parameters stay in the LayerSpec (so a trained network *is* a NetworkSpec) and gradients
// are accumulated into caller-owned buffers laid out exactly like spec.weights / spec.bias.
// Each layer's header declares the same overrides of this interface, so they look alike.

#include <memory>
#include <vector>

#include "core/nn/network_spec.h"

namespace loupe::nn {

// Per-layer memory a worker keeps between forward and backward of the same samples (e.g. the
// im2col matrix), reused across batches so the training loop does not allocate.
struct LayerScratch {
  std::vector<float> buffer;
};

class Layer {
 public:
  Layer(Shape in, Shape out) : in_(in), out_(out) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  const Shape& inputShape() const { return in_; }
  const Shape& outputShape() const { return out_; }

  // in: n * in.size() floats, out: n * out.size() floats (activation applied).
  virtual void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const = 0;
  // dOut is the gradient w.r.t. the activated output; it is overwritten (activation mask applied).
  // dIn (may be null for the first layer) is overwritten; dW / dB are accumulated into.
  virtual void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n,
                        float* dW, float* dB, LayerScratch& scratch) const = 0;

 private:
  Shape in_, out_;
};

std::unique_ptr<Layer> makeLayer(const LayerSpec& spec, const Shape& in);

}  // namespace loupe::nn
