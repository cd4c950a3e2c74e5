#pragma once
// Progress reporting and cancellation for long work (import, training, flashing), shared by the
// GUI (progress dialogs) and the CLI (a progress bar on stderr). Thread-safe: the worker polls
// the token, the UI thread sets it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/domain/errors.h"

namespace loupe {

class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  void throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  std::atomic<bool> cancelled_{false};
};

// done/total in any unit; total == 0 means unknown. Called from the worker thread.
using ProgressFn = std::function<void(std::int64_t done, std::int64_t total, const std::string& stage)>;

struct Progress {
  ProgressFn report;             // may be empty
  const CancelToken* cancel = nullptr;  // may be null

  void operator()(std::int64_t done, std::int64_t total, const std::string& stage) const {
    if (cancel) cancel->throwIfCancelled();
    if (report) report(done, total, stage);
  }
};

}  // namespace loupe
