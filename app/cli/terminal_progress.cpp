#include "app/cli/terminal_progress.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace loupe::app::cli {
namespace {
// Signal handlers may only touch lock-free atomics; CancelToken holds one.
CancelToken g_cancel;
using Handler = void (*)(int);
Handler g_previous = SIG_DFL;

extern "C" void onInterruptCancelImport(int) { g_cancel.cancel(); }
}  // namespace

TerminalProgress::TerminalProgress() : tty_(isatty(STDERR_FILENO) == 1) {
  const char* wanted = std::getenv("LOUPE_PROGRESS");
  lines_ = !tty_ && wanted && std::strcmp(wanted, "1") == 0;
  g_previous = std::signal(SIGINT, onInterruptCancelImport);
  progress_.cancel = &g_cancel;
  if (tty_ || lines_)
    progress_.report = [this](std::int64_t done, std::int64_t total, const std::string& stage) {
      draw(done, total, stage);
    };
}

TerminalProgress::~TerminalProgress() {
  std::signal(SIGINT, g_previous == SIG_ERR ? SIG_DFL : g_previous);
  if (drawn_) std::fputs("\n", stderr);
}

void TerminalProgress::draw(std::int64_t done, std::int64_t total, const std::string& stage) {
  if (lines_) {
    const std::string key = stage + "|" + std::to_string(total > 0 ? 100 * done / total : -1);
    if (key == lastKey_) return;
    lastKey_ = key;
  }
  char line[160];
  if (total > 0)
    std::snprintf(line, sizeof line, "\r%-24s %3d%% (%lld/%lld)", stage.c_str(),
                  static_cast<int>(100 * done / total), static_cast<long long>(done),
                  static_cast<long long>(total));
  else
    std::snprintf(line, sizeof line, "\r%-24s %lld", stage.c_str(), static_cast<long long>(done));
  if (lastLine_ == line) return;
  lastLine_ = line;
  if (lines_) {
    std::fprintf(stderr, "%s\n", line + 1);  // without the carriage return
    std::fflush(stderr);
    return;
  }
  std::fputs(line, stderr);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace loupe::app::cli
