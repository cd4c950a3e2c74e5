#pragma once
// Microseconds since reset from SysTick (1 ms interrupt + the current count).
#include <cstdint>

namespace loupe::virtual_board {
std::uint64_t micros();
}
