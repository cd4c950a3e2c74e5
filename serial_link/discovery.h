#pragma once
// Finding boards: USB serial ports with the Nano 33 BLE ids (QSerialPortInfo), plus the virtual
// board when QEMU and its firmware are available.

#include <QList>
#include <QString>

#include "serial_link/usb_ids.h"

namespace loupe::serial_link {

struct DiscoveredBoard {
  enum class Kind { Sketch, Bootloader, Virtual };
  Kind kind = Kind::Sketch;
  QString port;         // system location (/dev/ttyACM0); "virtual" for the virtual board
  QString description;
  QString serialNumber;
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;
};

QString kindName(DiscoveredBoard::Kind);

// Boards on USB, then the virtual board if it can be started.
QList<DiscoveredBoard> discoverBoards();
// Only USB boards in the given mode (used while waiting for the bootloader).
QList<DiscoveredBoard> discoverUsbBoards(BoardMode mode);

}  // namespace loupe::serial_link
