#include "core/formats/quiet_stderr.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <mutex>

// Sanitizer runtimes report to fd 2; while it is redirected their reports (a fuzzer's whole point)
// must still reach the real stderr. Weak: absent in builds without a sanitizer.
extern "C" void __sanitizer_set_report_fd(void* fd) __attribute__((weak));

namespace loupe {
namespace {
void sanitizerReportsTo(int fd) {
  if (__sanitizer_set_report_fd) __sanitizer_set_report_fd(reinterpret_cast<void*>(static_cast<std::intptr_t>(fd)));
}

std::mutex& redirectMutex() {
  static std::mutex m;
  return m;
}
}  // namespace

QuietStderr::QuietStderr() {
  redirectMutex().lock();
  locked_ = true;
  std::fflush(stderr);
  char name[] = "/tmp/loupe-stderr-XXXXXX";
  capture_ = ::mkstemp(name);
  if (capture_ < 0) return;
  ::unlink(name);
  saved_ = ::dup(STDERR_FILENO);
  if (saved_ >= 0) sanitizerReportsTo(saved_);
  if (saved_ < 0 || ::dup2(capture_, STDERR_FILENO) < 0) {
    if (saved_ >= 0) {
      sanitizerReportsTo(STDERR_FILENO);
      ::close(saved_);
    }
    ::close(capture_);
    saved_ = capture_ = -1;
  }
}

QuietStderr::~QuietStderr() { finish(); }

std::string QuietStderr::finish() {
  if (saved_ >= 0) {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    sanitizerReportsTo(STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
    // Only the start matters for an error message.
    char buffer[1024];
    const ssize_t n = ::pread(capture_, buffer, sizeof buffer, 0);
    std::string text(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      if (end > start) {
        firstLine_ = text.substr(start, end - start);
        break;
      }
      start = end + 1;
    }
  }
  if (capture_ >= 0) {
    ::close(capture_);
    capture_ = -1;
  }
  if (locked_) {
    locked_ = false;
    redirectMutex().unlock();
  }
  return firstLine_;
}

}  // namespace loupe
