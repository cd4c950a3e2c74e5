// Reset and exception entry points for the Cortex-M4 of mps2-an386: the vector table, RAM
// initialisation, FPU enable, static constructors, and SysTick as the microsecond clock.
#include <cstdint>
#include <cstring>

#include "firmware/virtual_board/clock.h"

extern "C" {
extern std::uint32_t _stack_top, _data_load, _data_start, _data_end, _bss_start, _bss_end;
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();
void boardMain();  // main.cpp; not main(): C++ forbids calling main
void Reset_Handler();
void Default_Handler();
void SysTick_Handler();
// The core has abstract interfaces; a pure call would be a bug, not a reason to link std::terminate.
void __cxa_pure_virtual() {
  for (;;) {
  }
}
}

namespace {
volatile std::uint32_t g_millis = 0;

constexpr std::uint32_t kSysClockHz = 25000000;  // mps2 reference clock
constexpr std::uint32_t kTicksPerMs = kSysClockHz / 1000;

struct SysTickRegs {
  volatile std::uint32_t ctrl, load, val, calib;
};
SysTickRegs& systick() { return *reinterpret_cast<SysTickRegs*>(0xE000E010u); }
}  // namespace

namespace loupe::virtual_board {

std::uint64_t micros() {
  // QEMU derives VAL from its virtual clock but raises the reload interrupt only when its timer
  // callback runs, which a loaded host delays by milliseconds: VAL can already have wrapped while
  // g_millis is not yet incremented, and the time read would step back. Elapsed-time checks
  // (upload timeout, latency) subtract unsigned values, so the clock must never go backwards.
  static std::uint64_t last = 0;
  for (;;) {
    // Re-read the millisecond count around VAL so a wrap between the two reads is not missed.
    const std::uint32_t ms = g_millis;
    const std::uint32_t val = systick().val;
    if (ms != g_millis) continue;
    const std::uint64_t now = std::uint64_t{ms} * 1000u + (kTicksPerMs - 1u - val) / (kTicksPerMs / 1000u);
    if (now > last) last = now;
    return last;
  }
}

}  // namespace loupe::virtual_board

extern "C" void SysTick_Handler() { g_millis = g_millis + 1; }

extern "C" void Default_Handler() {
  for (;;) {
  }
}

extern "C" void Reset_Handler() {
  std::memcpy(&_data_start, &_data_load,
              static_cast<std::size_t>(reinterpret_cast<char*>(&_data_end) - reinterpret_cast<char*>(&_data_start)));
  std::memset(&_bss_start, 0,
              static_cast<std::size_t>(reinterpret_cast<char*>(&_bss_end) - reinterpret_cast<char*>(&_bss_start)));
  // CP10 and CP11 full access: the code is built for the hard-float ABI like the nRF52840.
  *reinterpret_cast<volatile std::uint32_t*>(0xE000ED88u) |= (0xFu << 20);
  asm volatile("dsb\n isb");
  systick().load = kTicksPerMs - 1;
  systick().val = 0;
  systick().ctrl = 0x7;  // processor clock, interrupt, enable
  for (auto* f = __init_array_start; f != __init_array_end; ++f) (*f)();
  boardMain();
  for (;;) {
  }
}

using Handler = void (*)();
__attribute__((section(".vectors"), used)) const Handler g_vectors[16] = {
    reinterpret_cast<Handler>(&_stack_top),
    Reset_Handler,
    Default_Handler,  // NMI
    Default_Handler,  // HardFault
    Default_Handler,  // MemManage
    Default_Handler,  // BusFault
    Default_Handler,  // UsageFault
    nullptr, nullptr, nullptr, nullptr,
    Default_Handler,  // SVCall
    Default_Handler,  // DebugMon
    nullptr,
    Default_Handler,  // PendSV
    SysTick_Handler,
};
