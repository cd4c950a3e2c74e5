#pragma once
// The virtual board's model flash: the MODEL_FLASH region of the linker script (inside the 1 MB
// code area, as on the Nano; plain RAM in QEMU), kept in a host file through Arm semihosting so
// it survives QEMU being killed and restarted, as flash survives a power cut. The file is named
// by the semihosting command line (`-semihosting-config enable=on,arg=virtual_board,arg=FILE`);
// without one the flash lives in RAM only. NOR semantics: erase sets 0xFF, programming ANDs.
// Programmed bytes reach the file at sync(), which the store calls before and after a commit.

#include <cstddef>
#include <cstdint>

#include "firmware/board/flash_port.h"

namespace loupe::virtual_board {

class SemihostingFlash final : public loupe::board::FlashPort {
 public:
  // Loads the file (or creates it erased). False when no file is configured or it cannot be
  // opened: the flash then works in RAM only.
  bool init();
  const std::uint8_t* data() const override;
  std::size_t size() const override;
  std::size_t pageBytes() const override { return 4096; }
  bool erasePage(std::size_t offset) override;
  bool writeWords(std::size_t offset, const std::uint32_t* words, std::size_t count) override;
  bool sync() override;

 private:
  void touch(std::size_t from, std::size_t to);
  int fd_ = -1;
  std::size_t dirtyFrom_ = 0, dirtyTo_ = 0;  // [from, to) not yet in the file
};

}  // namespace loupe::virtual_board
