// The virtual board: the same BoardCore as the Nano 33 BLE Sense sketch, on QEMU's mps2-an386,
// with the CMSDK UART as the serial line and bundled Fashion-MNIST images as the camera.
#include <cstdint>
#include <cstring>

#include "bundled_frames.h"
#include "firmware/board/board_core.h"
#include "firmware/virtual_board/clock.h"
#include "firmware/virtual_board/semihosting_flash.h"
#include "firmware/virtual_board/uart.h"

extern "C" std::uint32_t _bss_end;

namespace {

constexpr std::uint16_t kSide = 96;  // the real board's crop of the QCIF frame

class VirtualPort final : public loupe::board::BoardPort {
 public:
  VirtualPort() : uart_(0x40004000u) {}
  void init() { uart_.init(25000000u, 115200u); }
  std::size_t read(std::uint8_t* out, std::size_t capacity) override { return uart_.read(out, capacity); }
  void write(const std::uint8_t* data, std::size_t size) override { uart_.write(data, size); }
  std::uint64_t micros() override { return loupe::virtual_board::micros(); }
  bool capture(std::uint8_t* out, std::size_t capacity, loupe::inference::FrameInfo& info) override {
    if (capacity < std::size_t{kSide} * kSide) return false;
    // Nearest-neighbour upscale of the bundled 28x28 image, cycling through the set.
    const std::uint8_t* src = loupe::virtual_board::kBundledFrames[next_++ % loupe::virtual_board::kBundledCount];
    for (int y = 0; y < kSide; ++y)
      for (int x = 0; x < kSide; ++x)
        out[y * kSide + x] = src[(y * loupe::virtual_board::kBundledSide / kSide) * loupe::virtual_board::kBundledSide +
                                 x * loupe::virtual_board::kBundledSide / kSide];
    info = {kSide, kSide, loupe::protocol::PixelFormat::Gray8};
    return true;
  }
  std::uint32_t freeRam() override {
    std::uint8_t probe = 0;
    return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(&probe) -
                                      reinterpret_cast<std::uintptr_t>(&_bss_end));
  }

 private:
  loupe::virtual_board::CmsdkUart uart_;
  unsigned next_ = 0;
};

VirtualPort g_port;
loupe::virtual_board::SemihostingFlash g_flash;
const loupe::board::BoardIdentity kIdentity{
    "Loupe virtual board", LOUPE_FIRMWARE_VERSION, "bundled-fmnist", "virtual-0001",
    {kSide, kSide, loupe::protocol::PixelFormat::Gray8}};
loupe::board::BoardCore g_core(g_port, g_flash, kIdentity);

}  // namespace

extern "C" void boardMain() {
  g_port.init();
  g_flash.init();  // without a flash file the store works in RAM: models are lost when QEMU stops
  g_core.start();
  for (;;) g_core.poll();
}
