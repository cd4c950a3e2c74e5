// Host-side pieces of the link without a board: frame reassembly and loss counting, statistics,
// and the session's decoding of a byte stream with garbage in it.
#include <QtTest>

#include <cstring>
#include <vector>

#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"
#include "serial_link/board_session.h"
#include "serial_link/frame_assembler.h"
#include "serial_link/link_stats.h"
#include "serial_link/top_class.h"
#include "serial_link/usb_ids.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

proto::FrameChunk chunk(std::uint32_t id, std::uint32_t offset, const Bytes& data, std::uint16_t w = 4,
                        std::uint16_t h = 2) {
  proto::FrameChunk c;
  c.frameId = id;
  c.timestampUs = 1000u * id;
  c.width = w;
  c.height = h;
  c.totalSize = static_cast<std::uint32_t>(w) * h;
  c.offset = offset;
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
  proto::FrameWriter w(append, &out);
  for (std::uint32_t off : {0u, 4u}) {
    Bytes px = {static_cast<std::uint8_t>(id), 1, 2, 3};
    proto::FrameChunk c = chunk(id, off, px);
    Bytes p(proto::kFrameChunkFixedSize);
    proto::encodeFixed(c, p.data(), p.size());
    p.insert(p.end(), px.begin(), px.end());
    w.send(static_cast<std::uint8_t>(proto::MsgType::FrameChunk), seq++, p.data(), p.size());
  }
  return out;
}

}  // namespace

class TestLinkUnits : public QObject {
  Q_OBJECT
 private slots:
  void usbIdsClassifyTheNano33() {
    QCOMPARE(link::classifyUsb(0x2341, 0x805a), std::optional(link::BoardMode::Sketch));
    QCOMPARE(link::classifyUsb(0x2341, 0x005a), std::optional(link::BoardMode::Bootloader));
    QVERIFY(!link::classifyUsb(0x2341, 0x0043).has_value());  // an Uno
    QVERIFY(!link::classifyUsb(0x2342, 0x805a).has_value());
  }

  void topClassDequantizesTheHighestScore() {
    // A softmax output quantized the TFLite way: scale 1/256, zero point -128, so q = 63 is
    // (63 + 128) / 256 = 0.74609375 exactly.
    link::BoardInference r;
    r.scores = {-128, 63, 63, -60};
    r.scale = 1.0f / 256;
    r.zeroPoint = -128;
    const link::TopClass t = link::topClass(r);
    QCOMPARE(t.index, 1);  // the first of equal maxima
    QCOMPARE(t.score, 0.74609375f);
    r.scores = {-5, -7};
    r.scale = 0.5f;
    r.zeroPoint = 3;
    QCOMPARE(link::topClass(r).index, 0);
    QCOMPARE(link::topClass(r).score, -4.0f);  // (-5 - 3) * 0.5
    QCOMPARE(link::topClass(link::BoardInference{}).index, -1);
  }

  void assemblerCompletesFramesAndCountsLosses() {
    link::FrameAssembler a;
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

  void statsCountSequenceGapsAcrossTheWrap() {
    link::StatsTracker t;
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
    link::StatsTracker t;
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

  void sessionDecodesAStreamWithGarbage() {
    link::BoardSession session;
    int frames = 0;
    connect(&session, &link::BoardSession::frameReceived, [&](const link::CapturedFrame& f) {
      QCOMPARE(f.pixels.size(), std::size_t{8});
      ++frames;
    });
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
      session.feed(wire.data() + i, std::min<std::size_t>(7, wire.size() - i));
    const link::LinkStats& st = session.stats();
    QCOMPARE(frames, 4);                            // frame 1 lost its first chunk to the noise
    QCOMPARE(st.dropped, std::uint64_t{1});
    QCOMPARE(st.crcErrors + st.malformed, std::uint64_t{2});
    QCOMPARE(st.sequenceGaps, std::uint64_t{1});    // the chunk swallowed by the noise
    QCOMPARE(st.bytes, static_cast<std::uint64_t>(wire.size()));
  }
};

QTEST_GUILESS_MAIN(TestLinkUnits)
#include "test_link_units.moc"
