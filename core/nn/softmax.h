#pragma once
// Softmax over the channels of every pixel (TFLite's softmax over the last axis: a classifier's
// 1x1xC output is one row, a detector's HxWxC grid is H*W rows), and the (optionally
// class-weighted) cross-entropy loss, whose rows are such pixels.
// Training never back-propagates through the Softmax layer on its own: the combined gradient
// of softmax + cross-entropy w.r.t. the logits, (p - onehot) * w_y / sum(w), is exact and stable.

#include <span>

#include "core/nn/layer.h"

namespace loupe::nn {

class SoftmaxLayer final : public Layer {
 public:
  explicit SoftmaxLayer(const Shape& in) : Layer(in, in) {}
  void forward(const LayerSpec& spec, const float* in, float* out, int n, LayerScratch& scratch) const override;
  // The Jacobian-vector product dIn = p * (dOut - <dOut, p>), for completeness and checks.
  void backward(const LayerSpec& spec, const float* in, const float* out, float* dOut, float* dIn, int n, float* dW,
                float* dB, LayerScratch& scratch) const override;
};

void softmax(const float* logits, float* probs, int classes);

// Weighted mean cross-entropy of `probs` (rows x classes, already softmaxed) against `labels`
// (one per row: per sample for a classifier, per grid cell for a detector), in
// PyTorch's convention: sum_i w[y_i] * -log p_i[y_i] / weightSum. Empty classWeights = all 1.
// With dLogits non-null, writes d(loss)/d(logits) for each sample; pass weightSum to normalise
// a part of a larger batch by the whole batch's weight sum.
double crossEntropy(const float* probs, std::span<const int> labels, int classes, std::span<const float> classWeights,
                    double weightSum, float* dLogits);
double labelWeightSum(std::span<const int> labels, std::span<const float> classWeights);

}  // namespace loupe::nn
