#pragma once
// Makes a file or folder unwritable for the test's own process, root included: write permission
// off, and when that is not enough (root ignores permissions) the immutable flag, which binds
// root too. ok() is false where neither works (no CAP_LINUX_IMMUTABLE, a filesystem without the
// flag); tests then skip. Undone on destruction so the temporary folder can be removed.

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace loupe::test {

class ReadOnlyPath {
 public:
  explicit ReadOnlyPath(std::filesystem::path path) : path_(std::move(path)) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return;
    mode_ = st.st_mode & 07777;
    ::chmod(path_.c_str(), mode_ & ~0222u);
    if (::access(path_.c_str(), W_OK) == 0) immutable_ = setImmutable(true);
    ok_ = ::access(path_.c_str(), W_OK) != 0;
  }
  ~ReadOnlyPath() {
    if (immutable_) setImmutable(false);
    if (mode_) ::chmod(path_.c_str(), mode_);
  }
  ReadOnlyPath(const ReadOnlyPath&) = delete;
  ReadOnlyPath& operator=(const ReadOnlyPath&) = delete;
  bool ok() const { return ok_; }

 private:
  // Only called while no SQLite connection has the file open (see storage/project.h on locks).
  bool setImmutable(bool on) {
    const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK);
    if (fd < 0) return false;
    int flags = 0;
    bool done = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (done) {
      flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      done = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return done;
  }

  std::filesystem::path path_;
  mode_t mode_ = 0;
  bool immutable_ = false;
  bool ok_ = false;
};

}  // namespace loupe::test
