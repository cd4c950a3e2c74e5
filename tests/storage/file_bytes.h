#pragma once
// Reading a whole file, for "the project is byte-for-byte unchanged" assertions.

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

namespace loupe::test {

// Read by a child process: POSIX locks belong to the process, so closing a descriptor on the
// project file here would drop the SQLite locks of every Project the test holds open on it.
// A missing file reads as empty.
inline std::vector<char> fileBytes(const std::filesystem::path& file) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    const int fd = ::open(file.c_str(), O_RDONLY);
    char buf[65536];
    ssize_t n = 0;
    while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
      for (ssize_t done = 0; done < n;) {
        const ssize_t w = write(fds[1], buf + done, static_cast<std::size_t>(n - done));
        if (w <= 0) _exit(1);
        done += w;
      }
    _exit(0);
  }
  close(fds[1]);
  std::vector<char> out;
  char buf[65536];
  ssize_t n = 0;
  while (child > 0 && (n = read(fds[0], buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
  close(fds[0]);
  if (child > 0) waitpid(child, nullptr, 0);
  return out;
}

}  // namespace loupe::test
