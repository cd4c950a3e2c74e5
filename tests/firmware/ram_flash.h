#pragma once
// NOR flash in memory for host tests of the model store: erase sets 0xFF, programming ANDs,
// misaligned or out-of-range requests fail. A power cut can be scheduled: operation n (0-based)
// is cut midway (an erase leaves a prefix of its page erased, a write programs a prefix of its
// words and half of the next one), and every later operation is lost, as when the board dies.

#include <cstdint>
#include <cstring>
#include <vector>

#include "firmware/board/flash_port.h"

namespace loupe::test {

class RamFlash final : public board::FlashPort {
 public:
  explicit RamFlash(std::size_t bytes, std::size_t page = 4096) : page_(page), words_(bytes / 4, 0xFFFFFFFFu) {}

  const std::uint8_t* data() const override { return reinterpret_cast<const std::uint8_t*>(words_.data()); }
  std::size_t size() const override { return words_.size() * 4; }
  std::size_t pageBytes() const override { return page_; }
  bool erasePage(std::size_t offset) override {
    if (offset % page_ != 0 || offset + page_ > size()) return false;
    const long op = ops_++;
    if (cutAt_ >= 0 && op > cutAt_) return true;  // no power: nothing happens
    std::size_t n = page_ / 4;
    if (op == cutAt_) n /= 3;
    for (std::size_t i = 0; i < n; ++i) words_[offset / 4 + i] = 0xFFFFFFFFu;
    return true;
  }
  bool writeWords(std::size_t offset, const std::uint32_t* w, std::size_t count) override {
    if (offset % 4 != 0 || offset + 4 * count > size()) return false;
    const long op = ops_++;
    if (cutAt_ >= 0 && op > cutAt_) return true;
    std::size_t n = count;
    const bool cut = op == cutAt_;
    if (cut) n = count / 2;
    for (std::size_t i = 0; i < n; ++i) words_[offset / 4 + i] &= w[i];
    if (cut && n < count) words_[offset / 4 + n] &= (w[n] | 0xFFFF0000u);  // half a word programmed
    return true;
  }

  // Cut the power at operation `op` (counted from now); -1: never.
  void cutAt(long op) {
    cutAt_ = op;
    ops_ = 0;
  }
  long operations() const { return ops_; }
  bool dead() const { return cutAt_ >= 0 && ops_ > cutAt_; }

 private:
  std::size_t page_;
  std::vector<std::uint32_t> words_;
  long cutAt_ = -1;
  long ops_ = 0;
};

}  // namespace loupe::test
