#include "core/nn/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <numeric>
#include <random>
#include <span>
#include <stdexcept>
#include <string>

#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/parallel.h"
#include "core/nn/softmax.h"

namespace loupe::nn {
namespace {

constexpr int kChunk = 16;

void validateLabels(const Network& net, std::span<const int> labels, std::size_t expected, const char* name) {
  if (labels.size() != expected)
    throw std::invalid_argument(std::string(name) + " set has " + std::to_string(labels.size()) + " labels, expected " +
                                std::to_string(expected));
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= net.classes())
      throw std::invalid_argument(std::string(name) + " label " + std::to_string(i) + " is " +
                                  std::to_string(labels[i]) + ", outside 0.." + std::to_string(net.classes() - 1));
}

void validate(const Network& net, const ImageSet& set, const char* name, std::size_t labelsPerImage) {
  if (set.size() == 0) return;
  if (!(set.shape == net.spec().input))
    throw std::invalid_argument(std::string(name) + " images do not match the network input shape");
  if (set.labels.size() != static_cast<std::size_t>(set.size()) * labelsPerImage)
    throw std::invalid_argument(std::string(name) + " set has " + std::to_string(set.labels.size()) + " labels for " +
                                std::to_string(set.size()) + " images");
  validateLabels(net, set.labels, set.labels.size(), name);
}

void validateOptions(const Network& net, const TrainOptions& o) {
  if (!net.endsWithSoftmax()) throw std::invalid_argument("training needs a network that ends with softmax");
  if (o.batchSize <= 0 || o.epochs <= 0) throw std::invalid_argument("batch size and epochs must be positive");
  if (!o.classWeights.empty() && o.classWeights.size() != static_cast<std::size_t>(net.classes()))
    throw std::invalid_argument("expected " + std::to_string(net.classes()) + " class weights, got " +
                                std::to_string(o.classWeights.size()));
  for (float w : o.classWeights)
    if (!(w >= 0.0f) || !std::isfinite(w)) throw std::invalid_argument("class weights must be finite and >= 0");
}

TrainResult trainLoop(Network net, const SampleSource& source, const ImageSet& valSet, const TrainOptions& o,
                      const Progress& progress, const EpochFn& onEpoch);

}  // namespace

TrainResult train(NetworkSpec initial, const ImageSet& trainSet, const ImageSet& valSet, const TrainOptions& o,
                  const Progress& progress, const EpochFn& onEpoch) {
  Network net(std::move(initial));
  validateOptions(net, o);
  if (net.cells() != 1) throw std::invalid_argument("an image set has one label per image: the network must output one cell");
  if (trainSet.size() == 0) throw std::invalid_argument("the train split has no labelled images");
  validate(net, trainSet, "train", 1);
  validate(net, valSet, "val", 1);
  const SampleSource source{
      .count = trainSet.size(),
      .labels = [&](int index, std::uint64_t, int* labels) { *labels = trainSet.labels[static_cast<std::size_t>(index)]; },
      .input = [&](int index, std::uint64_t seed, float* input) {
        augmentImage(trainSet.image(index), trainSet.shape, o.augmentation, seed, input);
      }};
  return trainLoop(std::move(net), source, valSet, o, progress, onEpoch);
}

TrainResult train(NetworkSpec initial, const SampleSource& trainSet, const ImageSet& valSet, const TrainOptions& o,
                  const Progress& progress, const EpochFn& onEpoch) {
  Network net(std::move(initial));
  validateOptions(net, o);
  if (trainSet.count <= 0) throw std::invalid_argument("the train split has no labelled images");
  validate(net, valSet, "val", static_cast<std::size_t>(net.cells()));
  return trainLoop(std::move(net), trainSet, valSet, o, progress, onEpoch);
}

namespace {

TrainResult trainLoop(Network net, const SampleSource& trainSet, const ImageSet& valSet, const TrainOptions& o,
                      const Progress& progress, const EpochFn& onEpoch) {
  const int n = trainSet.count;
  const int threads = resolveThreadCount(o.threads);
  const int maxChunks = (o.batchSize + kChunk - 1) / kChunk;
  const int inSize = net.spec().input.size();
  const int classes = net.classes();
  const int cells = net.cells();
  std::vector<Workspace> workspaces(static_cast<std::size_t>(std::min(threads, maxChunks)));
  for (auto& ws : workspaces) net.prepare(ws, kChunk);
  std::vector<std::vector<float>> chunkGrads(static_cast<std::size_t>(maxChunks),
                                             std::vector<float>(net.parameterCount()));
  std::vector<double> chunkLoss(static_cast<std::size_t>(maxChunks));
  std::vector<int> chunkCorrect(static_cast<std::size_t>(maxChunks));
  std::vector<int> batchLabels(static_cast<std::size_t>(o.batchSize) * static_cast<std::size_t>(cells));
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  Optimizer optimizer(o.optimizer, net.parameterCount());

  const int batchesPerEpoch = (n + o.batchSize - 1) / o.batchSize;
  const std::int64_t totalBatches = static_cast<std::int64_t>(batchesPerEpoch) * o.epochs;
  std::int64_t doneBatches = 0;
  TrainResult result;
  double bestLoss = std::numeric_limits<double>::infinity();
  int sinceBest = 0;
  const bool validating = valSet.size() > 0;

  for (int epoch = 1; epoch <= o.epochs; ++epoch) {
    const auto started = std::chrono::steady_clock::now();
    if (o.cosineSchedule)
      optimizer.setLearningRate(static_cast<float>(
          0.5 * o.optimizer.learningRate * (1.0 + std::cos(std::numbers::pi * (epoch - 1) / o.epochs))));
    std::mt19937_64 shuffleRng(sampleSeed(o.seed, static_cast<std::uint64_t>(epoch), ~0ull));
    std::shuffle(order.begin(), order.end(), shuffleRng);
    double lossSum = 0.0;
    std::int64_t correct = 0;
    for (int start = 0; start < n; start += o.batchSize) {
      const int bn = std::min(o.batchSize, n - start);
      const int chunks = (bn + kChunk - 1) / kChunk;
      for (int j = 0; j < bn; ++j) {
        const int sample = order[static_cast<std::size_t>(start + j)];
        trainSet.labels(sample, sampleSeed(o.seed, static_cast<std::uint64_t>(epoch), static_cast<std::uint64_t>(sample)),
                        batchLabels.data() + static_cast<std::size_t>(j) * cells);
      }
      const std::span<const int> labels(batchLabels.data(), static_cast<std::size_t>(bn) * cells);
      validateLabels(net, labels, labels.size(), "train");
      const double weightSum = labelWeightSum(labels, o.classWeights);
      parallelFor(chunks, static_cast<int>(workspaces.size()), [&](int c, int worker) {
        Workspace& ws = workspaces[static_cast<std::size_t>(worker)];
        const int first = c * kChunk;
        const int m = std::min(kChunk, bn - first);
        for (int j = 0; j < m; ++j) {
          const int sample = order[static_cast<std::size_t>(start + first + j)];
          trainSet.input(sample, sampleSeed(o.seed, static_cast<std::uint64_t>(epoch), static_cast<std::uint64_t>(sample)),
                         ws.activations[0].data() + static_cast<std::size_t>(j) * inSize);
        }
        net.forward(ws, m);
        int hits = 0;
        for (int j = 0; j < m * cells; ++j)
          hits += argmax(net.output(ws) + static_cast<std::size_t>(j) * classes, classes) ==
                  labels[static_cast<std::size_t>(first * cells + j)];
        auto& g = chunkGrads[static_cast<std::size_t>(c)];
        std::fill(g.begin(), g.end(), 0.0f);
        chunkLoss[static_cast<std::size_t>(c)] = net.backward(ws, m, labels.subspan(static_cast<std::size_t>(first) * cells),
                                                              o.classWeights, weightSum, g.data());
        chunkCorrect[static_cast<std::size_t>(c)] = hits;
      });
      // Fixed-order reduction: the sum does not depend on which worker finished first.
      auto& total = chunkGrads[0];
      double batchLoss = chunkLoss[0];
      correct += chunkCorrect[0];
      for (int c = 1; c < chunks; ++c) {
        const auto& g = chunkGrads[static_cast<std::size_t>(c)];
        for (std::size_t i = 0; i < total.size(); ++i) total[i] += g[i];
        batchLoss += chunkLoss[static_cast<std::size_t>(c)];
        correct += chunkCorrect[static_cast<std::size_t>(c)];
      }
      optimizer.step(net, total.data());
      lossSum += batchLoss * bn;
      progress(++doneBatches, totalBatches, "epoch " + std::to_string(epoch) + "/" + std::to_string(o.epochs));
    }
    EpochMetrics m;
    m.epoch = epoch;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    m.trainLoss = lossSum / n;
    m.trainAccuracy = static_cast<double>(correct) / (static_cast<double>(n) * cells);
    if (validating) {
      const Evaluation v = evaluate(net, valSet, threads, o.classWeights);
      m.valLoss = v.loss;
      m.valAccuracy = v.accuracy;
    }
    result.curve.push_back(m);
    if (onEpoch) onEpoch(m);
    if (!validating) {
      result.bestEpoch = epoch;
      continue;
    }
    if (m.valLoss < bestLoss) {
      bestLoss = m.valLoss;
      result.bestEpoch = epoch;
      result.network = net.spec();
      sinceBest = 0;
    } else if (o.patience > 0 && ++sinceBest >= o.patience) {
      result.stoppedEarly = epoch < o.epochs;
      break;
    }
  }
  if (!validating || result.network.layers.empty()) result.network = net.spec();
  return result;
}

}  // namespace

}  // namespace loupe::nn
