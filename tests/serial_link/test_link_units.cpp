// Host-side pieces of the link without a board: frame reassembly and loss counting, statistics,
// the plausibility checks of what a board reports, and the receive path's decoding of a byte
// stream with garbage in it.
#include <QtTest>

#include <cstring>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"
#include "firmware/protocol/limits.h"
#include "serial_link/board_detections.h"
#include "serial_link/board_receiver.h"
#include "serial_link/device_check.h"
#include "serial_link/frame_assembler.h"
#include "serial_link/link_stats.h"
#include "serial_link/top_class.h"
#include "serial_link/usb_ids.h"
#include "tests/serial_link/frame_chunk.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

protocol::FrameChunk chunk(std::uint32_t id, std::uint32_t offset, const Bytes& data, std::uint16_t w = 4,
                        std::uint16_t h = 2) {
  protocol::FrameChunk c = test::frameChunkHeader(id, w, h, offset);
  c.data = data.data();
  c.dataSize = data.size();
  return c;
}

void append(void* ctx, const std::uint8_t* d, std::size_t n) {
  auto* b = static_cast<Bytes*>(ctx);
  b->insert(b->end(), d, d + n);
}

// Board-side bytes of one 4x2 frame in two chunks.
Bytes frameOnWire(std::uint32_t id, std::uint16_t& seq) {
  Bytes out;
  protocol::FrameWriter w(append, &out);
  for (std::uint32_t off : {0u, 4u}) {
    Bytes px = {static_cast<std::uint8_t>(id), 1, 2, 3};
    protocol::FrameChunk c = chunk(id, off, px);
    Bytes p(protocol::kFrameChunkFixedSize);
    protocol::encodeFixed(c, p.data(), p.size());
    p.insert(p.end(), px.begin(), px.end());
    w.send(static_cast<std::uint8_t>(protocol::MsgType::FrameChunk), seq++, p.data(), p.size());
  }
  return out;
}

}  // namespace

class TestLinkUnits : public QObject {
  Q_OBJECT
 private slots:
  void usbIdsClassifyTheNano33() {
    QCOMPARE(serial_link::classifyUsb(0x2341, 0x805a), std::optional(serial_link::BoardMode::Sketch));
    QCOMPARE(serial_link::classifyUsb(0x2341, 0x005a), std::optional(serial_link::BoardMode::Bootloader));
    QVERIFY(!serial_link::classifyUsb(0x2341, 0x0043).has_value());  // an Uno
    QVERIFY(!serial_link::classifyUsb(0x2342, 0x805a).has_value());
  }

  void topClassDequantizesTheHighestScore() {
    // A softmax output quantized the TFLite way: scale 1/256, zero point -128, so q = 63 is
    // (63 + 128) / 256 = 0.74609375 exactly.
    serial_link::BoardInference r;
    r.scores = {-128, 63, 63, -60};
    r.scale = 1.0f / 256;
    r.zeroPoint = -128;
    const serial_link::TopClass t = serial_link::topClass(r);
    QCOMPARE(t.index, 1);  // the first of equal maxima
    QCOMPARE(t.score, 0.74609375f);
    r.scores = {-5, -7};
    r.scale = 0.5f;
    r.zeroPoint = 3;
    QCOMPARE(serial_link::topClass(r).index, 0);
    QCOMPARE(serial_link::topClass(r).score, -4.0f);  // (-5 - 3) * 0.5
    QCOMPARE(serial_link::topClass(serial_link::BoardInference{}).index, -1);
  }

  void assemblerCompletesFramesAndCountsLosses() {
    serial_link::FrameAssembler a;
    a.setCamera(4, 2, protocol::PixelFormat::Gray8);
    const Bytes lo{1, 2, 3, 4}, hi{5, 6, 7, 8};
    QVERIFY(!a.add(chunk(0, 0, lo)));
    auto f = a.add(chunk(0, 4, hi));
    QVERIFY(f.has_value());
    QCOMPARE(f->pixels, (Bytes{1, 2, 3, 4, 5, 6, 7, 8}));
    QCOMPARE(f->timestampUs, std::uint64_t{0});
    // Frame 1 loses its second chunk: it is dropped when frame 2 starts.
    QVERIFY(!a.add(chunk(1, 0, lo)));
    QVERIFY(!a.add(chunk(2, 0, lo)));
    QCOMPARE(a.dropped(), std::uint64_t{1});
    QVERIFY(a.add(chunk(2, 4, hi)).has_value());
    // Frames 3 and 4 never arrive.
    QVERIFY(!a.add(chunk(5, 0, lo)));
    QCOMPARE(a.dropped(), std::uint64_t{3});
    // A chunk at the wrong offset breaks frame 5.
    QVERIFY(!a.add(chunk(5, 6, Bytes{1, 2})));
    QCOMPARE(a.dropped(), std::uint64_t{4});
    QVERIFY(!a.add(chunk(5, 4, hi)));  // too late: frame 5 is gone
    QCOMPARE(a.dropped(), std::uint64_t{4});
    QVERIFY(a.add(chunk(6, 0, lo)) == std::nullopt);
    QVERIFY(a.add(chunk(6, 4, hi)).has_value());
    QCOMPARE(a.dropped(), std::uint64_t{4});
  }

  void assemblerRejectsChunksThatAreNotTheCamerasSize() {
    serial_link::FrameAssembler a;
    const Bytes lo{1, 2, 3, 4}, hi{5, 6, 7, 8};
    QVERIFY(!a.add(chunk(0, 0, lo)));  // no handshake yet: no camera size to check against
    QCOMPARE(a.rejected(), std::uint64_t{1});
    QCOMPARE(a.lastRejection(), std::string("frame chunk (frame 0) rejected: no camera size known yet (no handshake)"));
    a.setCamera(4, 2, protocol::PixelFormat::Gray8);
    QVERIFY(!a.add(chunk(1, 0, lo)));
    // 65535 x 65535 gray is 4 GiB minus 128 KiB: refused before any allocation, and the frame in
    // progress is untouched.
    QVERIFY(!a.add(chunk(1, 4, Bytes(16, 9), 65535, 65535)));
    QCOMPARE(a.rejected(), std::uint64_t{2});
    QCOMPARE(a.lastRejection(), std::string("frame chunk (frame 1) rejected: declares 65535x65535 gray8 = 4294836225 "
                                            "bytes, more than the 1048576 a frame may have"));
    QVERIFY(!a.add(chunk(1, 0, Bytes(16, 9), 8, 2)));  // small, but not the camera
    QCOMPARE(a.lastRejection(), std::string("frame chunk (frame 1) rejected: declares 8x2 gray8 but the board's camera "
                                            "is 4x2 gray8"));
    QCOMPARE(a.rejected(), std::uint64_t{3});
    auto f = a.add(chunk(1, 4, hi));
    QVERIFY(f.has_value());
    QCOMPARE(f->pixels, (Bytes{1, 2, 3, 4, 5, 6, 7, 8}));
    QCOMPARE(a.dropped(), std::uint64_t{0});
  }

  void deviceInfoOutsideTheRangesNamesTheField() {
    protocol::DeviceInfo ok;
    std::strcpy(ok.deviceId, "nano33-0123456789abcdef");
    ok.frameWidth = 176;
    ok.frameHeight = 144;
    ok.maxPayload = 4096;
    ok.modelCapacity = 48 * 1024;
    QCOMPARE(serial_link::deviceInfoProblem(ok), std::string());
    auto with = [&](auto change) {
      protocol::DeviceInfo i = ok;
      change(i);
      return serial_link::deviceInfoProblem(i);
    };
    for (int payload : {0, 3, 4, 63, 4097, 65535})
      QCOMPARE(with([&](protocol::DeviceInfo& i) { i.maxPayload = static_cast<std::uint16_t>(payload); }),
               "max payload " + std::to_string(payload) + " (accepted: 64..4096)");
    QCOMPARE(with([](protocol::DeviceInfo& i) { i.maxPayload = 64; }), std::string());
    QCOMPARE(with([](protocol::DeviceInfo& i) { i.protocolVersion = 2; }), std::string("protocol version 2 (accepted: 1..1)"));
    QCOMPARE(with([](protocol::DeviceInfo& i) { i.frameHeight = 0; }), std::string("frame height 0 (accepted: 1..1024)"));
    QCOMPARE(with([](protocol::DeviceInfo& i) { i.modelSize = 1u << 30; }),
             std::string("active model size 1073741824 (accepted: 0..16777216)"));
    QCOMPARE(with([](protocol::DeviceInfo& i) { i.deviceId[0] = 0; }),
             std::string("device id is empty (accepted: 1..24 printable characters)"));
    QCOMPARE(with([](protocol::DeviceInfo& i) { std::strcpy(i.board, "ab\x7f"); }),
             std::string("board name has a non-printable byte 0x7f at position 2 (accepted: printable ASCII)"));
    // The smallest accepted payload still moves 60 model bytes per chunk.
    QCOMPARE(serial_link::modelChunkBytes(64), std::size_t{60});
    QCOMPARE(serial_link::modelChunkBytes(4096), protocol::kMaxModelChunkData);
  }

  void implausiblePredictionsAreRejected() {
    protocol::InferenceResult r;
    r.count = 4;
    r.scale = 1.0f / 256;
    r.zeroPoint = -128;
    QCOMPARE(serial_link::inferenceProblem(r), std::string());
    r.zeroPoint = 300;
    QCOMPARE(serial_link::inferenceProblem(r), std::string("zero point 300 (accepted: -128..127)"));
    r.zeroPoint = 0;
    r.scale = -1;
    QCOMPARE(serial_link::inferenceProblem(r), std::string("scale -1.000000 (accepted: finite, > 0)"));
    r.count = 0;
    QCOMPARE(serial_link::inferenceProblem(r), std::string("class count 0 (accepted: 1..255)"));
  }

  void implausibleDetectionsAreRejected() {
    const std::uint8_t fixed = static_cast<std::uint8_t>(protocol::kDetectionsFixedSize);
    auto problem = [&](protocol::DetectionRecord d, std::uint8_t gridW = 12, float scale = 1.0f / 256) {
      std::uint8_t p[protocol::kDetectionsFixedSize + protocol::kDetectionRecordSize];
      protocol::DetectionsMsg m;
      m.gridW = gridW;
      m.gridH = 10;
      m.count = 1;
      m.scale = scale;
      m.zeroPoint = -128;
      protocol::encodeFixed(m, p, sizeof p);
      protocol::encode(d, p + fixed, protocol::kDetectionRecordSize);
      protocol::DetectionsMsg back;
      if (!protocol::decode(p, sizeof p, back)) return std::string("undecodable");
      return serial_link::detectionsProblem(back);
    };
    QCOMPARE(problem({0, 10, 0, 0, 11, 9, 0, 0}), std::string());
    QCOMPARE(problem({0, 10, 3, 0, 2, 0, 768, 128}),
             std::string("detection 0 columns 3..2 (accepted: within 0..11, first <= last)"));
    QCOMPARE(problem({0, 10, 0, 0, 12, 0, 0, 0}),
             std::string("detection 0 columns 0..12 (accepted: within 0..11, first <= last)"));
    QCOMPARE(problem({0, 10, 0, 5, 0, 10, 0, 1300}),
             std::string("detection 0 rows 5..10 (accepted: within 0..9, first <= last)"));
    QCOMPARE(problem({0, 10, 1, 0, 1, 0, 600, 128}), std::string("detection 0 centroid x 600/256 (accepted: inside its columns)"));
    QCOMPARE(problem({0, 10, 1, 1, 1, 1, 384, 100}), std::string("detection 0 centroid y 100/256 (accepted: inside its rows)"));
    QCOMPARE(problem({0, 10, 0, 0, 0, 0, 0, 0}, 0), std::string("grid width 0 (accepted: 1..255)"));
    QCOMPARE(problem({0, 10, 0, 0, 0, 0, 0, 0}, 12, 0.0f), std::string("scale 0.000000 (accepted: finite, > 0)"));
  }

  void detectionsBecomeFramePixels() {
    serial_link::BoardDetections r;
    r.gridW = 12;
    r.gridH = 12;
    r.scale = 1.0f / 256;
    r.zeroPoint = -128;
    r.detections = {{1, 64, 2, 3, 4, 3, 0x0380, 0x0380}, {5, -128, 11, 11, 11, 11, 3000, 3000}};
    // A 160 x 120 frame: cells of 13.33 x 10 pixels.
    const auto boxes = serial_link::frameDetections(r, 160, 120, {"shirt", "shoe"});
    QCOMPARE(boxes.size(), std::size_t{2});
    QCOMPARE(boxes[0].label, std::string("shoe"));
    QCOMPARE(boxes[0].score, 0.75);  // (64 + 128) / 256
    QCOMPARE(boxes[0].box.x, 2 * 160.0 / 12);
    QCOMPARE(boxes[0].box.y, 30.0);
    QCOMPARE(boxes[0].box.w, 3 * 160.0 / 12);
    QCOMPARE(boxes[0].box.h, 10.0);
    QCOMPARE(boxes[0].cx, 3.5 * 160.0 / 12);
    QCOMPARE(boxes[0].cy, 35.0);
    QCOMPARE(boxes[1].label, std::string("class 5"));  // beyond the model's class list
    QCOMPARE(boxes[1].score, 0.0);
    QCOMPARE(boxes[1].box.x + boxes[1].box.w, 160.0);  // the last cell ends on the frame edge
    QCOMPARE(boxes[1].box.y + boxes[1].box.h, 120.0);
  }

  void statsCountSequenceGapsAcrossTheWrap() {
    serial_link::StatsTracker t;
    t.sequence(65534);
    t.sequence(65535);
    t.sequence(1);  // 0 lost
    QCOMPARE(t.stats().sequenceGaps, std::uint64_t{1});
    t.sequence(5);  // 2, 3, 4 lost
    QCOMPARE(t.stats().sequenceGaps, std::uint64_t{4});
    t.resetSequence();
    t.sequence(0);  // a restarted board is not a gap
    QCOMPARE(t.stats().sequenceGaps, std::uint64_t{4});
  }

  void statsRatesComeFromFrameIntervals() {
    serial_link::StatsTracker t;
    // 11 frames of 1000 bytes, 0.1 s apart: 10 intervals in 1 s = 10 fps, 10000 B/s.
    for (int i = 0; i <= 10; ++i) {
      t.bytes(1000, 5.0 + 0.1 * i);
      t.frame(5.0 + 0.1 * i);
    }
    QCOMPARE(t.stats().frames, std::uint64_t{11});
    QVERIFY(qAbs(t.stats().fps - 10.0) < 1e-9);
    QVERIFY(qAbs(t.stats().bytesPerSecond - 10000.0) < 1e-6);
    QVERIFY(qAbs(t.stats().liveFps - 10.0) < 1e-9);
    t.restart();
    QCOMPARE(t.stats().frames, std::uint64_t{0});
    QCOMPARE(t.stats().fps, 0.0);
  }

  void receiverDecodesAStreamWithGarbage() {
    serial_link::BoardReceiver session;
    serial_link::DeviceDescription camera;
    camera.frameWidth = 4;
    camera.frameHeight = 2;
    session.useDevice(camera);
    int frames = 0;
    session.setHandlers({[&](const CapturedFrame& f) {
                           QCOMPARE(f.pixels.size(), std::size_t{8});
                           ++frames;
                         },
                         {}, {}, {}, {}});
    std::uint16_t seq = 0;
    Bytes wire = frameOnWire(0, seq);
    const Bytes garbage{0x13, 0x37, 0x00, 0xFF, 0xFE};  // one bad packet, then noise glued to frame 1
    wire.insert(wire.end(), garbage.begin(), garbage.end());
    for (std::uint32_t id = 1; id < 5; ++id) {
      const Bytes f = frameOnWire(id, seq);
      wire.insert(wire.end(), f.begin(), f.end());
    }
    // Byte-at-a-time and bulk feeding must agree: feed in uneven pieces.
    for (std::size_t i = 0; i < wire.size(); i += 7)
      session.feed(wire.data() + i, std::min<std::size_t>(7, wire.size() - i), 0.01 * static_cast<double>(i));
    const serial_link::LinkStats& st = session.stats();
    QCOMPARE(frames, 4);                            // frame 1 lost its first chunk to the noise
    QCOMPARE(st.dropped, std::uint64_t{1});
    QCOMPARE(st.crcErrors + st.malformed, std::uint64_t{2});
    QCOMPARE(st.sequenceGaps, std::uint64_t{1});    // the chunk swallowed by the noise
    QCOMPARE(st.bytes, static_cast<std::uint64_t>(wire.size()));
    QCOMPARE(st.rejected, std::uint64_t{0});
  }

  void receiverRefusesAnImplausibleDeviceInfo() {
    serial_link::BoardReceiver r;
    protocol::DeviceInfo info;
    std::strcpy(info.deviceId, "x");
    info.frameWidth = info.frameHeight = 96;
    info.maxPayload = 4;
    Bytes p(protocol::kDeviceInfoSize);
    protocol::encode(info, p.data(), p.size());
    Bytes wire;
    protocol::FrameWriter w(append, &wire);
    w.send(static_cast<std::uint8_t>(protocol::MsgType::DeviceInfo), 0, p.data(), p.size());
    r.awaitDeviceInfo();
    r.feed(wire.data(), wire.size(), 0);
    QVERIFY(!r.deviceInfo());
    QCOMPARE(r.deviceInfoProblem(), std::string("max payload 4 (accepted: 64..4096)"));
    // A pixel format that does not exist is named too, not dropped as a malformed packet.
    info.maxPayload = 4096;
    info.pixelFormat = static_cast<protocol::PixelFormat>(9);
    protocol::encode(info, p.data(), p.size());
    wire.clear();
    w.send(static_cast<std::uint8_t>(protocol::MsgType::DeviceInfo), 1, p.data(), p.size());
    r.awaitDeviceInfo();
    r.feed(wire.data(), wire.size(), 0);
    QCOMPARE(r.deviceInfoProblem(), std::string("pixel format 9 (accepted: 0..1)"));
    QCOMPARE(r.stats().malformed, std::uint64_t{0});
    info.pixelFormat = protocol::PixelFormat::Gray8;
    protocol::encode(info, p.data(), p.size());
    wire.clear();
    w.send(static_cast<std::uint8_t>(protocol::MsgType::DeviceInfo), 2, p.data(), p.size());
    r.awaitDeviceInfo();
    r.feed(wire.data(), wire.size(), 0);
    QVERIFY(r.deviceInfo().has_value());
    QCOMPARE(r.deviceInfo()->maxPayload, 4096);
  }
};

QTEST_GUILESS_MAIN(TestLinkUnits)
#include "test_link_units.moc"
