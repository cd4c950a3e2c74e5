#include "core/nn/inference.h"

#include <algorithm>
#include <stdexcept>

#include "core/nn/augment.h"
#include "core/nn/parallel.h"
#include "core/nn/softmax.h"

namespace loupe::nn {

int argmax(const float* values, int count) {
  return static_cast<int>(std::max_element(values, values + count) - values);
}

std::vector<float> predict(const Network& net, const ImageSet& images, int threads, const Progress& progress) {
  if (!(images.shape == net.spec().input))
    throw std::invalid_argument("images are " + std::to_string(images.shape.h) + "x" + std::to_string(images.shape.w) +
                                "x" + std::to_string(images.shape.c) + " but the network expects " +
                                std::to_string(net.spec().input.h) + "x" + std::to_string(net.spec().input.w) + "x" +
                                std::to_string(net.spec().input.c));
  constexpr int kChunk = 64;
  const int n = images.size();
  const int outSize = net.outputSize();
  const int chunks = (n + kChunk - 1) / kChunk;
  threads = std::min(resolveThreadCount(threads), std::max(chunks, 1));
  std::vector<Workspace> workspaces(static_cast<std::size_t>(threads));
  for (auto& ws : workspaces) net.prepare(ws, kChunk);
  std::vector<float> probs(static_cast<std::size_t>(n) * outSize);
  const int inSize = images.shape.size();
  // Chunks are processed in rounds so progress/cancellation is checked between them.
  const int perRound = threads * 4;
  for (int first = 0; first < chunks; first += perRound) {
    progress(first, chunks, "predict");
    const int count = std::min(perRound, chunks - first);
    parallelFor(count, threads, [&](int task, int worker) {
      Workspace& ws = workspaces[static_cast<std::size_t>(worker)];
      const int start = (first + task) * kChunk;
      const int m = std::min(kChunk, n - start);
      for (int j = 0; j < m; ++j)
        normaliseImage(images.image(start + j), images.shape, ws.activations[0].data() + static_cast<std::size_t>(j) * inSize);
      net.forward(ws, m);
      std::copy(net.output(ws), net.output(ws) + static_cast<std::size_t>(m) * outSize,
                probs.begin() + static_cast<std::ptrdiff_t>(start) * outSize);
    });
  }
  progress(chunks, chunks, "predict");
  return probs;
}

Evaluation evaluateProbabilities(const std::vector<float>& probs, std::span<const int> labels, int classes,
                                 std::span<const float> classWeights) {
  Evaluation e;
  if (labels.empty()) return e;
  e.loss = crossEntropy(probs.data(), labels, classes, classWeights, labelWeightSum(labels, classWeights), nullptr);
  int correct = 0;
  for (std::size_t i = 0; i < labels.size(); ++i)
    correct += argmax(probs.data() + i * static_cast<std::size_t>(classes), classes) == labels[i];
  e.accuracy = static_cast<double>(correct) / static_cast<double>(labels.size());
  return e;
}

Evaluation evaluate(const Network& net, const ImageSet& images, int threads, std::span<const float> classWeights) {
  return evaluateProbabilities(predict(net, images, threads), images.labels, net.classes(), classWeights);
}

}  // namespace loupe::nn
