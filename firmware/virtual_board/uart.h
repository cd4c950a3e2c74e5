#pragma once
// Polling driver for the ARM CMSDK APB UART (UART0 of mps2-an386 at 0x40004000), which QEMU
// connects to its first -serial backend (a pseudo-terminal for the virtual board).
#include <cstddef>
#include <cstdint>

namespace loupe::virtual_board {

class CmsdkUart {
 public:
  explicit CmsdkUart(std::uintptr_t base) : base_(base) {}
  void init(std::uint32_t clockHz, std::uint32_t baud);
  // Non-blocking; returns bytes copied.
  std::size_t read(std::uint8_t* out, std::size_t capacity);
  void write(const std::uint8_t* data, std::size_t size);

 private:
  volatile std::uint32_t& reg(std::uint32_t offset) const {
    return *reinterpret_cast<volatile std::uint32_t*>(base_ + offset);
  }
  std::uintptr_t base_;
};

}  // namespace loupe::virtual_board
