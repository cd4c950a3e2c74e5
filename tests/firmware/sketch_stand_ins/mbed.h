// Stand-in for the parts of mbed OS (as the Arduino mbed core ships it) the Loupe sketch uses:
// heap statistics, the nRF52840's FICR device id and the FlashIAP driver. Declarations only.
#pragma once
#include <cstdint>

struct mbed_stats_heap_t {
  std::uint32_t current_size, max_size, total_size, reserved_size, alloc_cnt, alloc_fail_cnt, overhead_size;
};
void mbed_stats_heap_get(mbed_stats_heap_t* stats);

// nRF52840 Factory Information Configuration Registers: DEVICEID at 0x10000060.
struct NRF_FICR_Type {
  volatile std::uint32_t reserved[24];
  volatile std::uint32_t DEVICEID[2];
};
#define NRF_FICR (reinterpret_cast<NRF_FICR_Type*>(0x10000000u))

namespace mbed {
class FlashIAP {
 public:
  int init();
  int deinit();
  int read(void* buffer, std::uint32_t address, std::uint32_t size);
  int program(const void* buffer, std::uint32_t address, std::uint32_t size);
  int erase(std::uint32_t address, std::uint32_t size);
  std::uint32_t get_page_size() const;
  std::uint32_t get_sector_size(std::uint32_t address) const;
  std::uint32_t get_flash_start() const;
  std::uint32_t get_flash_size() const;
};
}  // namespace mbed
