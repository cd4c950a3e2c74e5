#pragma once
// NOR flash as the model store sees it: a memory-mapped region read in place, erased a page at a
// time (every byte becomes 0xFF) and programmed a 32-bit word at a time (bits only go 1 -> 0).
// The nRF52840's NVMC (4 KB pages) on the Nano, a host file through semihosting on the virtual
// board, plain memory in host tests.

#include <cstddef>
#include <cstdint>

namespace loupe::board {

class FlashPort {
 public:
  virtual const std::uint8_t* data() const = 0;  // the region, 4-byte aligned
  virtual std::size_t size() const = 0;           // a whole number of pages
  virtual std::size_t pageBytes() const = 0;
  // offset: a page boundary. False when the hardware reports a failure.
  virtual bool erasePage(std::size_t offset) = 0;
  // offset: 4-byte aligned; programs count words.
  virtual bool writeWords(std::size_t offset, const std::uint32_t* words, std::size_t count) = 0;
  // Makes everything erased and programmed so far durable (a no-op where writes already are, as
  // on the NVMC). The store calls it before and after writing a commit record.
  virtual bool sync() { return true; }

 protected:
  ~FlashPort() = default;
};

}  // namespace loupe::board
