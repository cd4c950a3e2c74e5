#pragma once
// OpenCV's PNG and JPEG decoders leave libpng's and libjpeg's default message handlers in place,
// which print "libpng warning: ..." or "Corrupt JPEG data: ..." straight to file descriptor 2.
// An import must print one clear line per problem and nothing else, so decoder calls run with
// stderr redirected into a temporary file; what the library said is then available to word the
// error (or dropped when decoding succeeded). Sanitizer reports still go to the real stderr.

#include <string>

namespace loupe {

// While alive, output to file descriptor 2 goes to a temporary file instead. Instances are
// serialised by a process-wide mutex (the redirect is process-wide). If the redirect cannot be set
// up, output simply goes to stderr as before.
class QuietStderr {
 public:
  QuietStderr();
  ~QuietStderr();
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;

  // Ends the redirect (idempotent) and returns the first non-empty line the libraries wrote.
  std::string finish();

 private:
  int saved_ = -1;
  int capture_ = -1;
  std::string firstLine_;
  bool locked_ = false;
};

}  // namespace loupe
