// libFuzzer target: the host session's receive path (serial_link/board_receiver, which
// BoardSession feeds with what the port reads) with the input as everything the board answers,
// through the session's own sequence: handshake, model upload, stream. The session object itself
// is tied to QSerialPort; its logic above the receiver is waiting and sending, replayed here.
//
// Input: records `kind u8 | length u16 | bytes`. Kind 0: raw bytes on the wire (garbage, partial
// or hand-made frames). Any other kind: a message of that type, framed here with a valid CRC so
// mutations reach the message decoders instead of dying at the CRC check. Each record is fed in
// two pieces, split inside it.
//
// Properties beyond "no crash, no leak, no huge allocation" (ASan, -rss_limit_mb):
// - an accepted DeviceInfo lies in the documented ranges, so the upload loop the session derives
//   from it is bounded (chunks of 60..4092 bytes);
// - every frame delivered has the accepted camera's geometry and size, at most the hard cap;
// - every prediction delivered has a finite positive scale, an int8 zero point, >= 1 class;
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "firmware/protocol/bytes.h"
#include "firmware/protocol/frame.h"
#include "firmware/protocol/limits.h"
#include "serial_link/board_receiver.h"
#include "serial_link/device_check.h"

using namespace loupe;

namespace {

void append(void* ctx, const std::uint8_t* d, std::size_t n) {
  auto* v = static_cast<std::vector<std::uint8_t>*>(ctx);
  v->insert(v->end(), d, d + n);
}

struct Records {
  protocol::ByteReader in;
  std::uint16_t seq = 0;
  std::vector<std::uint8_t> wire;

  // The next record as wire bytes; false at the end of the input.
  bool next() {
    if (in.remaining() == 0) return false;
    const std::uint8_t kind = in.u8();
    std::size_t n = in.u16(), avail = 0;
    const std::uint8_t* bytes = in.rest(avail);
    n = std::min(n, avail);
    in = protocol::ByteReader(bytes + n, avail - n);
    wire.clear();
    if (kind == 0) {
      wire.assign(bytes, bytes + n);
    } else {
      protocol::FrameWriter w(append, &wire);
      w.send(kind, seq++, bytes, std::min(n, protocol::kMaxPayload));
    }
    return true;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  serial_link::BoardReceiver rx;
  std::optional<serial_link::DeviceDescription> device;
  rx.setHandlers({[&](const CapturedFrame& f) {
                    if (!device) std::abort();  // no camera accepted yet
                    const std::size_t bytes = static_cast<std::size_t>(device->frameWidth) * device->frameHeight *
                                              protocol::bytesPerPixel(device->pixelFormat);
                    if (f.width != device->frameWidth || f.height != device->frameHeight ||
                        f.format != device->pixelFormat || f.pixels.size() != bytes ||
                        bytes > protocol::kMaxCameraFrameBytes)
                      std::abort();
                  },
                  [](const serial_link::BoardInference& r) {
                    if (r.scores.empty() || !std::isfinite(r.scale) || r.scale <= 0 || r.zeroPoint < -128 ||
                        r.zeroPoint > 127)
                      std::abort();
                  },
                  [](const serial_link::BoardDetections& r) {
                    // What the receiver passes on lies inside its grid (device_check.h).
                    if (r.gridW < 1 || r.gridH < 1 || !std::isfinite(r.scale) || r.scale <= 0) std::abort();
                    for (const auto& d : r.detections)
                      if (d.col0 > d.col1 || d.col1 >= r.gridW || d.row0 > d.row1 || d.row1 >= r.gridH ||
                          d.cx256 > 256 * r.gridW || d.cy256 > 256 * r.gridH)
                        std::abort();
                  },
                  [](const std::string&) {}, [](const std::string& why) {
                    if (why.empty()) std::abort();
                  }});
  Records records{protocol::ByteReader(data, size), 0, {}};
  double now = 0;
  auto feedNext = [&] {
    if (!records.next()) return false;
    const std::size_t cut = records.wire.size() / 2;
    rx.feed(records.wire.data(), cut, now += 0.001);
    rx.feed(records.wire.data() + cut, records.wire.size() - cut, now += 0.001);
    return true;
  };

  // Handshake: answers until a DeviceInfo is accepted or refused (at most 8, as Hello is retried).
  rx.awaitDeviceInfo();
  for (int i = 0; i < 8 && !rx.deviceInfo() && rx.deviceInfoProblem().empty(); ++i)
    if (!feedNext()) break;
  if (rx.deviceInfo()) {
    const serial_link::DeviceDescription& d = *rx.deviceInfo();
    if (d.protocolVersion != protocol::kProtocolVersion || d.maxPayload < static_cast<int>(protocol::kMinBoardPayload) ||
        d.maxPayload > static_cast<int>(protocol::kMaxPayload) || d.frameWidth < 1 || d.frameHeight < 1 ||
        std::size_t(d.frameWidth) * d.frameHeight * protocol::bytesPerPixel(d.pixelFormat) > protocol::kMaxCameraFrameBytes ||
        d.modelCapacity > protocol::kMaxModelBytes)
      std::abort();
    const std::size_t chunk = serial_link::modelChunkBytes(static_cast<std::size_t>(d.maxPayload));
    if (chunk < 60 || chunk > protocol::kMaxModelChunkData) std::abort();
    device = d;
    rx.useDevice(d);
  }

  // Upload: requests numbered 0, 1, ...; each waits for one answer (record), as with a timeout.
  for (std::uint16_t request = 0; request < 64; ++request) {
    rx.awaitReply();
    if (!feedNext()) break;
    const serial_link::Reply* r = rx.replyTo(request);
    if (!r || !r->ok) break;
  }

  // Stream: everything else.
  while (feedNext()) {
  }
  const serial_link::LinkStats& st = rx.stats();
  if (st.bytes > size + 64 * records.seq + 16) std::abort();  // framing adds at most a few bytes per message
  return 0;
}
