#pragma once
// Input sizes of a benchmark: the real ones, or tiny ones when LOUPE_BENCH_SMOKE is set to
// anything but "" or "0" (tests/bench/run.sh --smoke runs every benchmark once on tiny inputs in
// CI, so none can rot; the figures it prints mean nothing).

#include <cstdlib>
#include <string_view>

namespace loupe::bench {

inline bool smoke() {
  const char* v = std::getenv("LOUPE_BENCH_SMOKE");
  return v != nullptr && std::string_view(v) != "" && std::string_view(v) != "0";
}

inline int size(int real, int tiny) { return smoke() ? tiny : real; }

}  // namespace loupe::bench
