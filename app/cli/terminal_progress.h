#pragma once
// Progress for long CLI verbs, and Ctrl-C turned into a cancellation the worker sees at its next
// progress call, so an import or a training run rolls back cleanly instead of dying mid-write.
// On a terminal, one line on stderr redrawn in place. In a pipe nothing by default (logs stay
// clean); LOUPE_PROGRESS=1 asks for one line per percent instead, for CI logs and scripts that
// want to follow a long run.

#include <string>

#include "core/domain/progress.h"

namespace loupe::app::cli {

class TerminalProgress {
 public:
  TerminalProgress();   // installs the SIGINT handler
  ~TerminalProgress();  // restores the previous handler and ends the bar's line
  TerminalProgress(const TerminalProgress&) = delete;
  TerminalProgress& operator=(const TerminalProgress&) = delete;

  // Pass this to the long-running call.
  const Progress& progress() const { return progress_; }

 private:
  void draw(std::int64_t done, std::int64_t total, const std::string& stage);
  Progress progress_;
  bool tty_ = false;
  bool lines_ = false;  // LOUPE_PROGRESS=1 in a pipe: whole lines, one per percent or stage
  bool drawn_ = false;
  std::string lastLine_;
  std::string lastKey_;
};

}  // namespace loupe::app::cli
