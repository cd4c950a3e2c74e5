#include "app/cli/progress_bar.h"

#include <csignal>
#include <cstdio>

namespace loupe::cli {
namespace {
CancelToken g_interrupt;  // the handler may only touch a lock-free atomic
extern "C" void onInterruptCancelWork(int) { g_interrupt.cancel(); }
}  // namespace

CancelOnInterrupt::CancelOnInterrupt() { std::signal(SIGINT, onInterruptCancelWork); }
CancelOnInterrupt::~CancelOnInterrupt() { std::signal(SIGINT, SIG_DFL); }
const CancelToken* CancelOnInterrupt::token() const { return &g_interrupt; }

void ProgressBar::update(std::int64_t done, std::int64_t total, const std::string& stage) {
  const int percent = total > 0 ? static_cast<int>(100 * done / total) : -1;
  if (percent == lastPercent_ && stage == lastStage_) return;
  lastPercent_ = percent;
  lastStage_ = stage;
  constexpr int kWidth = 30;
  const int filled = percent < 0 ? 0 : percent * kWidth / 100;
  std::fprintf(stderr, "\r[%.*s%.*s] %3d%% %-24s", filled, "##############################", kWidth - filled,
               "                              ", percent < 0 ? 0 : percent, stage.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace loupe::cli
