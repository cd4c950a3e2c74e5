#pragma once
// A one-line progress bar on stderr for long verbs, and Ctrl-C turned into cancellation: while a
// CancelOnInterrupt is alive, SIGINT sets its token (the work stops at its next progress check
// and the verb exits with "loupe: cancelled") instead of killing the process mid-write.

#include <cstdint>
#include <string>

#include "core/domain/progress.h"

namespace loupe::cli {

class CancelOnInterrupt {
 public:
  CancelOnInterrupt();
  ~CancelOnInterrupt();
  CancelOnInterrupt(const CancelOnInterrupt&) = delete;
  CancelOnInterrupt& operator=(const CancelOnInterrupt&) = delete;
  const CancelToken* token() const;
};

// Redraws at most once per percent (or stage change); finish() ends the line.
class ProgressBar {
 public:
  void update(std::int64_t done, std::int64_t total, const std::string& stage);
  void finish();

 private:
  int lastPercent_ = -1;
  std::string lastStage_;
  bool drawn_ = false;
};

}  // namespace loupe::cli
