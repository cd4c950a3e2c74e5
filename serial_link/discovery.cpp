#include "serial_link/discovery.h"

#include <QSerialPortInfo>

#include "serial_link/qemu_board.h"

namespace loupe::serial_link {
namespace {

QList<DiscoveredBoard> usbBoards() {
  QList<DiscoveredBoard> out;
  for (const QSerialPortInfo& info : QSerialPortInfo::availablePorts()) {
    if (!info.hasVendorIdentifier() || !info.hasProductIdentifier()) continue;
    const auto mode = classifyUsb(info.vendorIdentifier(), info.productIdentifier());
    if (!mode) continue;
    DiscoveredBoard b;
    b.kind = *mode == BoardMode::Sketch ? DiscoveredBoard::Kind::Sketch : DiscoveredBoard::Kind::Bootloader;
    b.port = info.systemLocation();
    b.description = info.description();
    b.serialNumber = info.serialNumber();
    b.vid = info.vendorIdentifier();
    b.pid = info.productIdentifier();
    out.push_back(b);
  }
  return out;
}

}  // namespace

QString kindName(DiscoveredBoard::Kind k) {
  switch (k) {
    case DiscoveredBoard::Kind::Sketch: return QStringLiteral("board");
    case DiscoveredBoard::Kind::Bootloader: return QStringLiteral("bootloader");
    case DiscoveredBoard::Kind::Virtual: return QStringLiteral("virtual");
  }
  return {};
}

QList<DiscoveredBoard> discoverBoards() {
  QList<DiscoveredBoard> out = usbBoards();
  if (QemuBoard::available()) {
    DiscoveredBoard v;
    v.kind = DiscoveredBoard::Kind::Virtual;
    v.port = QStringLiteral("virtual");
    v.description = QStringLiteral("Loupe virtual board (QEMU mps2-an386)");
    out.push_back(v);
  }
  return out;
}

QList<DiscoveredBoard> discoverUsbBoards(BoardMode mode) {
  QList<DiscoveredBoard> out;
  const auto want = mode == BoardMode::Sketch ? DiscoveredBoard::Kind::Sketch : DiscoveredBoard::Kind::Bootloader;
  for (const auto& b : usbBoards())
    if (b.kind == want) out.push_back(b);
  return out;
}

}  // namespace loupe::serial_link
