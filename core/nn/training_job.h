#pragma once
// Training in the background: a std::thread runs train() while the caller (GUI timer, CLI loop)
// polls progress and the per-epoch curve, and may cancel. wait() joins and returns the result or
// rethrows what train() threw (loupe::Cancelled after cancel()). Destroying a running job
// cancels and joins it, so a closed window never leaves a thread behind.

#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/domain/progress.h"
#include "core/nn/trainer.h"

namespace loupe::nn {

class TrainingJob {
 public:
  struct Status {
    std::int64_t done = 0, total = 0;  // batches
    std::vector<EpochMetrics> curve;
    bool finished = false;
  };

  TrainingJob(NetworkSpec initial, ImageSet trainSet, ImageSet valSet, TrainOptions options);
  ~TrainingJob();
  TrainingJob(const TrainingJob&) = delete;
  TrainingJob& operator=(const TrainingJob&) = delete;

  void start();
  void cancel() { cancel_.cancel(); }
  Status status() const;
  TrainResult wait();

 private:
  void run();
  NetworkSpec initial_;
  ImageSet train_, val_;
  TrainOptions options_;
  CancelToken cancel_;
  mutable std::mutex mutex_;
  Status status_;
  std::optional<TrainResult> result_;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace loupe::nn
