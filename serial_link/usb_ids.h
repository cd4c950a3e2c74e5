#pragma once
// USB identities of the Arduino Nano 33 BLE (Sense): one VID, one PID per mode. The bootloader
// PID only appears for a few seconds after a 1200-baud touch or a double reset.

#include <cstdint>
#include <optional>

namespace loupe::serial_link {

inline constexpr std::uint16_t kArduinoVid = 0x2341;
inline constexpr std::uint16_t kNano33SketchPid = 0x805a;
inline constexpr std::uint16_t kNano33BootloaderPid = 0x005a;

enum class BoardMode { Sketch, Bootloader };

inline std::optional<BoardMode> classifyUsb(std::uint16_t vid, std::uint16_t pid) {
  if (vid != kArduinoVid) return std::nullopt;
  if (pid == kNano33SketchPid) return BoardMode::Sketch;
  if (pid == kNano33BootloaderPid) return BoardMode::Bootloader;
  return std::nullopt;
}

}  // namespace loupe::serial_link
