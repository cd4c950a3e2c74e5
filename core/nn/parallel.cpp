#include "core/nn/parallel.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace loupe::nn {

int resolveThreadCount(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

void parallelFor(int count, int threads, const std::function<void(int, int)>& fn) {
  threads = std::clamp(threads, 1, std::max(count, 1));
  if (threads == 1) {
    for (int t = 0; t < count; ++t) fn(t, 0);
    return;
  }
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto run = [&](int worker) {
    try {
      for (int t = worker; t < count; t += threads) fn(t, worker);
    } catch (...) {
      const std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(static_cast<std::size_t>(threads - 1));
  for (int w = 1; w < threads; ++w) pool.emplace_back(run, w);
  run(0);
  pool.clear();  // joins
  if (failure) std::rethrow_exception(failure);
}

}  // namespace loupe::nn
