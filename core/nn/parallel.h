#pragma once
// Runs fn(task, worker) for task in [0, count) on `threads` std::threads with a static
// assignment (worker w takes tasks w, w + threads, ...). Results that are written per task and
// combined afterwards in task order are therefore independent of thread timing. The first
// exception thrown by a task is rethrown on the caller's thread after all workers stop.

#include <functional>

namespace loupe::nn {

int resolveThreadCount(int requested);  // <= 0: all hardware threads
void parallelFor(int count, int threads, const std::function<void(int task, int worker)>& fn);

}  // namespace loupe::nn
