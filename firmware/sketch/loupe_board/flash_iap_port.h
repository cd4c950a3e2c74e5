// The Nano 33 BLE Sense's model flash for the board core's model store: the top 288 KB of the
// nRF52840's 1 MB flash (0xB8000..0xFFFFF, the same place as the virtual board's MODEL_FLASH),
// through mbed's FlashIAP (4 KB sectors, word programming). The store reads models in place, so
// only the activation arena is in RAM. The sketch itself must stay below 0xB8000 (736 KB).
#pragma once

#include <mbed.h>  // mbed::FlashIAP

#include "src/firmware/board/flash_port.h"

class FlashIapPort final : public loupe::board::FlashPort {
 public:
  static constexpr std::uint32_t kStart = 0xB8000, kBytes = 288 * 1024;

  bool begin() { return iap_.init() == 0 && iap_.get_sector_size(kStart) == pageBytes(); }
  const std::uint8_t* data() const override { return reinterpret_cast<const std::uint8_t*>(kStart); }
  std::size_t size() const override { return kBytes; }
  std::size_t pageBytes() const override { return 4096; }
  bool erasePage(std::size_t offset) override { return iap_.erase(kStart + offset, pageBytes()) == 0; }
  bool writeWords(std::size_t offset, const std::uint32_t* words, std::size_t count) override {
    return iap_.program(words, kStart + offset, 4 * count) == 0;
  }

 private:
  mbed::FlashIAP iap_;
};
