#include "firmware/virtual_board/uart.h"

namespace loupe::virtual_board {
namespace {
constexpr std::uint32_t kData = 0x00, kState = 0x04, kCtrl = 0x08, kBaudDiv = 0x10;
constexpr std::uint32_t kTxFull = 1u << 0, kRxFull = 1u << 1;
constexpr std::uint32_t kTxEnable = 1u << 0, kRxEnable = 1u << 1;
}  // namespace

void CmsdkUart::init(std::uint32_t clockHz, std::uint32_t baud) {
  // The CMSDK UART needs a divider of at least 16; QEMU ignores the rate but checks the minimum.
  const std::uint32_t div = clockHz / baud;
  reg(kBaudDiv) = div < 16 ? 16 : div;
  reg(kCtrl) = kTxEnable | kRxEnable;
}

std::size_t CmsdkUart::read(std::uint8_t* out, std::size_t capacity) {
  std::size_t n = 0;
  while (n < capacity && (reg(kState) & kRxFull)) out[n++] = static_cast<std::uint8_t>(reg(kData));
  return n;
}

void CmsdkUart::write(const std::uint8_t* data, std::size_t size) {
  for (std::size_t i = 0; i < size; ++i) {
    while (reg(kState) & kTxFull) {
    }
    reg(kData) = data[i];
  }
}

}  // namespace loupe::virtual_board
