#pragma once
// Progress for long CLI verbs: a one-line bar on stderr when stderr is a terminal (never in a pipe
// or a test log), and Ctrl-C turned into a cancellation the worker sees at its next progress call,
// so an import rolls back cleanly instead of dying mid-transaction.

#include <string>

#include "core/domain/progress.h"

namespace loupe::cli {

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
  bool drawn_ = false;
  std::string lastLine_;
};

}  // namespace loupe::cli
