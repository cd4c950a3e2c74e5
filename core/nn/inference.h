#pragma once
// Running a trained float network over an ImageSet: class probabilities, and loss/accuracy
// against its labels. Work is split into fixed 64-sample chunks across threads.

#include <span>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/image_set.h"
#include "core/nn/network.h"

namespace loupe::nn {

struct Evaluation {
  double loss = 0.0;      // weighted mean cross-entropy
  double accuracy = 0.0;  // fraction in [0, 1]
};

// images.size() x net.outputSize() probabilities (or outputs, if the net has no softmax).
std::vector<float> predict(const Network& net, const ImageSet& images, int threads, const Progress& progress = {});
int argmax(const float* values, int count);
// labels: one per image (classifier) or one per output cell (detector, images.size() * cells()).
Evaluation evaluate(const Network& net, const ImageSet& images, int threads, std::span<const float> classWeights = {});
Evaluation evaluateProbabilities(const std::vector<float>& probs, std::span<const int> labels, int classes,
                                 std::span<const float> classWeights = {});

}  // namespace loupe::nn
