#pragma once
// Mini-batch training of a NetworkSpec with softmax cross-entropy. Each batch is cut into fixed
// 16-sample chunks; workers compute each chunk's gradient into its own buffer and the buffers are
// summed in chunk order, so for a given seed the trained weights are bit-identical whatever the
// thread count or timing. Progress is reported (and cancellation checked) after every batch.

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/augment.h"
#include "core/nn/image_set.h"
#include "core/nn/network_spec.h"
#include "core/nn/optimizer.h"

namespace loupe::nn {

struct TrainOptions {
  OptimizerOptions optimizer;
  int batchSize = 64;
  int epochs = 10;
  // Cosine annealing of the learning rate over `epochs` (to 0 after the last one): the low-rate
  // final epochs settle into a better minimum than a constant rate.
  bool cosineSchedule = false;
  int patience = 3;  // stop after this many epochs without a lower val loss; 0 = never stop early
  std::uint64_t seed = 1;
  int threads = 0;  // 0 = all hardware threads
  Augmentation augmentation;
  std::vector<float> classWeights;  // one per class, or empty for all 1
};

struct EpochMetrics {
  int epoch = 0;  // 1-based
  double trainLoss = 0.0;      // mean over the epoch's batches, as trained (augmented)
  double trainAccuracy = 0.0;  // idem (per output cell for a detector)
  double valLoss = std::numeric_limits<double>::quiet_NaN();  // NaN without a val split
  double valAccuracy = std::numeric_limits<double>::quiet_NaN();
  double seconds = 0.0;  // wall time of the training pass (excludes validation)
};

struct TrainResult {
  NetworkSpec network;  // the best epoch's weights when validating, else the last epoch's
  std::vector<EpochMetrics> curve;
  int bestEpoch = 0;
  bool stoppedEarly = false;
};

using EpochFn = std::function<void(const EpochMetrics&)>;

// Training samples produced on demand, for targets that move with the augmentation (a
// detector's boxes). For a sample index and its augmentation seed (sampleSeed(seed, epoch,
// index)), `labels` writes one class index per output cell and `input` the normalised input;
// both must draw the same augmentation from the seed. `labels` runs on the calling thread,
// `input` on worker threads (it must be safe to call concurrently).
struct SampleSource {
  int count = 0;
  std::function<void(int index, std::uint64_t seed, int* cellLabels)> labels;
  std::function<void(int index, std::uint64_t seed, float* input)> input;
};

// Throws std::invalid_argument for inconsistent data (shape, labels out of range, weights),
// loupe::Cancelled when progress.cancel is set.
TrainResult train(NetworkSpec initial, const ImageSet& trainSet, const ImageSet& valSet, const TrainOptions& options,
                  const Progress& progress = {}, const EpochFn& onEpoch = {});
// The same loop over a SampleSource; valSet holds un-augmented images with one label per output
// cell (images.size() * cells labels), so early stopping watches the per-cell val loss.
TrainResult train(NetworkSpec initial, const SampleSource& trainSet, const ImageSet& valSet,
                  const TrainOptions& options, const Progress& progress = {}, const EpochFn& onEpoch = {});

}  // namespace loupe::nn
