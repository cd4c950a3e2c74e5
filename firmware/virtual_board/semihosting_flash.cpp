#include "firmware/virtual_board/semihosting_flash.h"

#include <cstring>

extern "C" std::uint8_t _model_flash_start[], _model_flash_end[];

namespace loupe::virtual_board {
namespace {

// Arm semihosting operations (Arm's "Semihosting for AArch32 and AArch64", version 2).
enum Op : int { kOpen = 0x01, kClose = 0x02, kWrite = 0x05, kRead = 0x06, kSeek = 0x0A, kFlen = 0x0C, kCmdline = 0x15 };
enum Mode : int { kReadWriteBinary = 3, kCreateReadWriteBinary = 7 };  // fopen "r+b", "w+b"

int call(int op, void* args) {
  register int r0 asm("r0") = op;
  register void* r1 asm("r1") = args;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

std::uint8_t* region() { return _model_flash_start; }
std::size_t regionSize() { return static_cast<std::size_t>(_model_flash_end - _model_flash_start); }

bool seekWrite(int fd, std::size_t at, const std::uint8_t* bytes, std::size_t n) {
  std::uintptr_t seek[2] = {static_cast<std::uintptr_t>(fd), at};
  if (call(kSeek, seek) != 0) return false;
  std::uintptr_t write[3] = {static_cast<std::uintptr_t>(fd), reinterpret_cast<std::uintptr_t>(bytes), n};
  return call(kWrite, write) == 0;  // returns the bytes *not* written
}

}  // namespace

bool SemihostingFlash::init() {
  std::memset(region(), 0xFF, regionSize());
  // "virtual_board FILE": the file name is the second word.
  static char cmdline[256];
  std::uintptr_t args[2] = {reinterpret_cast<std::uintptr_t>(cmdline), sizeof cmdline - 1};
  if (call(kCmdline, args) != 0) return false;
  const char* path = std::strchr(cmdline, ' ');
  if (!path || !path[1]) return false;
  ++path;
  std::uintptr_t open[3] = {reinterpret_cast<std::uintptr_t>(path), kReadWriteBinary, std::strlen(path)};
  fd_ = call(kOpen, open);
  if (fd_ < 0) {  // a new board: erased flash
    open[1] = kCreateReadWriteBinary;
    fd_ = call(kOpen, open);
    if (fd_ < 0) return false;
    return seekWrite(fd_, 0, region(), regionSize());
  }
  std::uintptr_t flen[1] = {static_cast<std::uintptr_t>(fd_)};
  const int length = call(kFlen, flen);
  const std::size_t have = length < 0 ? 0 : (static_cast<std::size_t>(length) < regionSize() ? length : regionSize());
  std::uintptr_t read[3] = {static_cast<std::uintptr_t>(fd_), reinterpret_cast<std::uintptr_t>(region()), have};
  if (have > 0 && call(kRead, read) != 0) return false;
  return have == regionSize() || seekWrite(fd_, have, region() + have, regionSize() - have);
}

const std::uint8_t* SemihostingFlash::data() const { return region(); }
std::size_t SemihostingFlash::size() const { return regionSize(); }

void SemihostingFlash::touch(std::size_t from, std::size_t to) {
  if (dirtyFrom_ == dirtyTo_) dirtyFrom_ = from, dirtyTo_ = to;
  if (from < dirtyFrom_) dirtyFrom_ = from;
  if (to > dirtyTo_) dirtyTo_ = to;
}

bool SemihostingFlash::erasePage(std::size_t offset) {
  if (offset % pageBytes() != 0 || offset + pageBytes() > regionSize()) return false;
  std::memset(region() + offset, 0xFF, pageBytes());
  touch(offset, offset + pageBytes());
  return true;
}

bool SemihostingFlash::writeWords(std::size_t offset, const std::uint32_t* words, std::size_t count) {
  if (offset % 4 != 0 || offset + 4 * count > regionSize()) return false;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t w;
    std::memcpy(&w, region() + offset + 4 * i, 4);
    w &= words[i];  // NOR: programming only clears bits
    std::memcpy(region() + offset + 4 * i, &w, 4);
  }
  touch(offset, offset + 4 * count);
  return true;
}

bool SemihostingFlash::sync() {
  if (fd_ < 0 || dirtyFrom_ == dirtyTo_) return true;
  const bool ok = seekWrite(fd_, dirtyFrom_, region() + dirtyFrom_, dirtyTo_ - dirtyFrom_);
  dirtyFrom_ = dirtyTo_ = 0;
  return ok;
}

}  // namespace loupe::virtual_board
