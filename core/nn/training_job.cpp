#include "core/nn/training_job.h"

#include <stdexcept>

namespace loupe::nn {

TrainingJob::TrainingJob(NetworkSpec initial, ImageSet trainSet, ImageSet valSet, TrainOptions options)
    : initial_(std::move(initial)), train_(std::move(trainSet)), val_(std::move(valSet)), options_(std::move(options)) {}

TrainingJob::~TrainingJob() {
  if (thread_.joinable()) {
    cancel_.cancel();
    thread_.join();
  }
}

void TrainingJob::start() {
  if (thread_.joinable()) throw std::logic_error("training job already started");
  thread_ = std::thread([this] { run(); });
}

void TrainingJob::run() {
  Progress progress{[this](std::int64_t done, std::int64_t total, const std::string&) {
                      const std::lock_guard lock(mutex_);
                      status_.done = done;
                      status_.total = total;
                    },
                    &cancel_};
  try {
    TrainResult r = train(std::move(initial_), train_, val_, options_, progress, [this](const EpochMetrics& m) {
      const std::lock_guard lock(mutex_);
      status_.curve.push_back(m);
    });
    const std::lock_guard lock(mutex_);
    result_ = std::move(r);
    status_.finished = true;
  } catch (...) {
    const std::lock_guard lock(mutex_);
    failure_ = std::current_exception();
    status_.finished = true;
  }
}

TrainingJob::Status TrainingJob::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

TrainResult TrainingJob::wait() {
  if (thread_.joinable()) thread_.join();
  const std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
  if (!result_) throw std::logic_error("training job was never started");
  return std::move(*result_);
}

}  // namespace loupe::nn
