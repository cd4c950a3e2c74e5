// The wire protocol against published examples (CRC-32 check value, the COBS examples of
// Cheshire & Baker as listed on Wikipedia) and hand-assembled frames, plus the decoder's
// resynchronisation after garbage, truncation and overlong input.
#include <QtTest>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "firmware/protocol/cobs.h"
#include "firmware/protocol/crc32.h"
#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"

using namespace loupe::protocol;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes range(int first, int last) {
  Bytes b;
  for (int v = first; v <= last; ++v) b.push_back(static_cast<std::uint8_t>(v));
  return b;
}

Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Bytes encodeCobs(const Bytes& in) {
  Bytes out(cobsMaxEncodedSize(in.size()));
  out.resize(cobsEncode(in.data(), in.size(), out.data(), out.size()));
  return out;
}

void appendSink(void* ctx, const std::uint8_t* data, std::size_t size) {
  auto* out = static_cast<Bytes*>(ctx);
  out->insert(out->end(), data, data + size);
}

Bytes frameBytes(MsgType type, std::uint16_t seq, const Bytes& payload) {
  Bytes out;
  FrameWriter w(appendSink, &out);
  if (!w.send(static_cast<std::uint8_t>(type), seq, payload.data(), payload.size())) return {};
  return out;
}

struct Decoded {
  std::vector<FrameDecoder::Result> errors;
  std::vector<std::pair<FrameView, Bytes>> frames;
};

Decoded decodeAll(const Bytes& wire) {
  static std::uint8_t buffer[kMaxEncodedFrame];
  FrameDecoder d(buffer, sizeof buffer);
  Decoded out;
  for (std::uint8_t b : wire) {
    const auto r = d.push(b);
    if (r == FrameDecoder::Result::Frame)
      out.frames.push_back({d.frame(), Bytes(d.frame().payload, d.frame().payload + d.frame().size)});
    else if (r != FrameDecoder::Result::None)
      out.errors.push_back(r);
  }
  return out;
}

}  // namespace

class TestProtocol : public QObject {
  Q_OBJECT
 private slots:
  void crc32MatchesTheStandardCheckValues() {
    const char* check = "123456789";
    QCOMPARE(crc32(reinterpret_cast<const std::uint8_t*>(check), 9), 0xCBF43926u);
    QCOMPARE(crc32(nullptr, 0), 0u);
    const std::string fox = "The quick brown fox jumps over the lazy dog";
    QCOMPARE(crc32(reinterpret_cast<const std::uint8_t*>(fox.data()), fox.size()), 0x414FA339u);
    // Incremental == one-shot.
    std::uint32_t s = kCrc32Init;
    s = crc32Update(s, reinterpret_cast<const std::uint8_t*>(check), 4);
    s = crc32Update(s, reinterpret_cast<const std::uint8_t*>(check) + 4, 5);
    QCOMPARE(crc32Final(s), 0xCBF43926u);
  }

  void cobsEncodesThePublishedExamples_data() {
    QTest::addColumn<Bytes>("plain");
    QTest::addColumn<Bytes>("encoded");
    QTest::newRow("00") << Bytes{0x00} << Bytes{0x01, 0x01};
    QTest::newRow("00 00") << Bytes{0x00, 0x00} << Bytes{0x01, 0x01, 0x01};
    QTest::newRow("00 11 00") << Bytes{0x00, 0x11, 0x00} << Bytes{0x01, 0x02, 0x11, 0x01};
    QTest::newRow("11 22 00 33") << Bytes{0x11, 0x22, 0x00, 0x33} << Bytes{0x03, 0x11, 0x22, 0x02, 0x33};
    QTest::newRow("11 22 33 44") << Bytes{0x11, 0x22, 0x33, 0x44} << Bytes{0x05, 0x11, 0x22, 0x33, 0x44};
    QTest::newRow("11 00 00 00") << Bytes{0x11, 0x00, 0x00, 0x00} << Bytes{0x02, 0x11, 0x01, 0x01, 0x01};
    QTest::newRow("01..FE") << range(1, 0xFE) << cat(Bytes{0xFF}, range(1, 0xFE));
    QTest::newRow("00 01..FE") << cat(Bytes{0}, range(1, 0xFE)) << cat(Bytes{0x01, 0xFF}, range(1, 0xFE));
    QTest::newRow("01..FF") << range(1, 0xFF) << cat(cat(Bytes{0xFF}, range(1, 0xFE)), Bytes{0x02, 0xFF});
    QTest::newRow("02..FF 00") << cat(range(2, 0xFF), Bytes{0})
                               << cat(cat(Bytes{0xFF}, range(2, 0xFF)), Bytes{0x01, 0x01});
    QTest::newRow("03..FF 00 01") << cat(range(3, 0xFF), Bytes{0, 1})
                                  << cat(cat(Bytes{0xFE}, range(3, 0xFF)), Bytes{0x02, 0x01});
  }
  void cobsEncodesThePublishedExamples() {
    QFETCH(Bytes, plain);
    QFETCH(Bytes, encoded);
    QCOMPARE(encodeCobs(plain), encoded);
    Bytes back(encoded.size());
    const long n = cobsDecode(encoded.data(), encoded.size(), back.data());
    QVERIFY(n >= 0);
    back.resize(static_cast<std::size_t>(n));
    QCOMPARE(back, plain);
  }

  void cobsRejectsInvalidInput() {
    std::uint8_t out[8];
    const Bytes zeroInside{0x03, 0x11, 0x00};
    QCOMPARE(cobsDecode(zeroInside.data(), zeroInside.size(), out), -1L);
    const Bytes runsPastEnd{0x05, 0x11, 0x22};
    QCOMPARE(cobsDecode(runsPastEnd.data(), runsPastEnd.size(), out), -1L);
    std::uint8_t small[2];
    const Bytes plain{1, 2, 3};
    QCOMPARE(cobsEncode(plain.data(), plain.size(), small, sizeof small), std::size_t{0});
  }

  void cobsRoundTripsRandomPacketsAndMatchesTheStreamingWriter() {
    std::mt19937 rng(7);
    for (int trial = 0; trial < 300; ++trial) {
      Bytes payload(rng() % 1200);
      // Mostly zeros in some trials, none in others: both extremes of COBS block lengths.
      const unsigned zeroOneIn = 1 + rng() % 300;
      for (auto& b : payload) b = (rng() % zeroOneIn == 0) ? 0 : static_cast<std::uint8_t>(1 + rng() % 255);
      const Bytes wire = frameBytes(MsgType::ModelChunk, static_cast<std::uint16_t>(trial), payload);
      QVERIFY(!wire.empty());
      QCOMPARE(wire.back(), std::uint8_t{0});
      QVERIFY(wire.size() <= wireSizeBound(payload.size()));
      // The streaming writer produces exactly COBS(raw packet) + 0x00.
      Bytes raw{static_cast<std::uint8_t>(MsgType::ModelChunk), static_cast<std::uint8_t>(trial & 0xFF),
                static_cast<std::uint8_t>(trial >> 8), static_cast<std::uint8_t>(payload.size() & 0xFF),
                static_cast<std::uint8_t>(payload.size() >> 8)};
      raw = cat(raw, payload);
      const std::uint32_t c = crc32(raw.data(), raw.size());
      for (int k = 0; k < 4; ++k) raw.push_back(static_cast<std::uint8_t>(c >> (8 * k)));
      QCOMPARE(Bytes(wire.begin(), wire.end() - 1), encodeCobs(raw));
      const Decoded d = decodeAll(wire);
      QCOMPARE(d.frames.size(), std::size_t{1});
      QCOMPARE(d.frames[0].first.seq, static_cast<std::uint16_t>(trial));
      QCOMPARE(d.frames[0].second, payload);
    }
  }

  void helloFrameMatchesTheHandAssembledBytes() {
    // type 01, seq 0x0001, len 0x0001, payload {01}, CRC-32 0x313B0117 (zlib.crc32), then COBS.
    const Bytes expected{0x03, 0x01, 0x01, 0x02, 0x01, 0x06, 0x01, 0x17, 0x01, 0x3B, 0x31, 0x00};
    std::uint8_t p[kHelloSize];
    QCOMPARE(encode(Hello{}, p, sizeof p), kHelloSize);
    QCOMPARE(frameBytes(MsgType::Hello, 1, Bytes(p, p + kHelloSize)), expected);
  }

  void ackFrameMatchesTheHandAssembledBytes() {
    // Ack of ModelChunk seq 5 with 4096 bytes staged, sent as seq 7. CRC-32 0x078788CA.
    const Bytes expected{0x03, 0x30, 0x07, 0x02, 0x07, 0x03, 0x21, 0x05, 0x01,
                         0x02, 0x10, 0x01, 0x05, 0xCA, 0x88, 0x87, 0x07, 0x00};
    std::uint8_t p[kAckSize];
    QCOMPARE(encode(Ack{MsgType::ModelChunk, 5, 4096}, p, sizeof p), kAckSize);
    QCOMPARE(frameBytes(MsgType::Ack, 7, Bytes(p, p + kAckSize)), expected);
    const Decoded d = decodeAll(expected);
    QCOMPARE(d.frames.size(), std::size_t{1});
    Ack back;
    QVERIFY(decode(d.frames[0].second.data(), d.frames[0].second.size(), back));
    QCOMPARE(back.ofType, MsgType::ModelChunk);
    QCOMPARE(back.ofSeq, std::uint16_t{5});
    QCOMPARE(back.value, 4096u);
  }

  void decoderResynchronisesAfterGarbage() {
    const Bytes a = frameBytes(MsgType::Hello, 1, {1});
    const Bytes b = frameBytes(MsgType::StopStream, 2, {});
    // Garbage with its own delimiter, then garbage glued to the front of frame a (a is lost), then b.
    Bytes wire{0x55, 0x13, 0x99, 0x00, 0xDE, 0xAD};
    wire = cat(cat(wire, a), b);
    const Decoded d = decodeAll(wire);
    QCOMPARE(d.frames.size(), std::size_t{1});
    QCOMPARE(d.frames[0].first.seq, std::uint16_t{2});
    QCOMPARE(d.frames[0].first.type, static_cast<std::uint8_t>(MsgType::StopStream));
    QCOMPARE(d.errors.size(), std::size_t{2});
  }

  void truncatedFrameIsDroppedAndTheNextOneDecodes() {
    const Bytes a = frameBytes(MsgType::ModelChunk, 1, Bytes(300, 0x42));
    const Bytes b = frameBytes(MsgType::ModelChunk, 2, Bytes(10, 0x43));
    // Bytes lost in the middle of a (a cable glitch): a fails its check, b survives.
    Bytes cut(a.begin(), a.begin() + 100);
    cut.insert(cut.end(), a.begin() + 180, a.end());
    const Decoded d = decodeAll(cat(cut, b));
    QCOMPARE(d.frames.size(), std::size_t{1});
    QCOMPARE(d.frames[0].first.seq, std::uint16_t{2});
    QCOMPARE(d.frames[0].second, Bytes(10, 0x43));
    QCOMPARE(d.errors.size(), std::size_t{1});
  }

  void singleBitFlipIsACrcError() {
    Bytes a = frameBytes(MsgType::ModelChunk, 1, Bytes{1, 2, 3, 4, 5, 6});
    a[8] ^= 0x04;  // a payload byte, not a COBS code
    const Decoded d = decodeAll(a);
    QCOMPARE(d.frames.size(), std::size_t{0});
    QCOMPARE(d.errors, std::vector<FrameDecoder::Result>{FrameDecoder::Result::BadCrc});
  }

  void overlongInputIsReportedOnceThenSkipped() {
    Bytes wire(kMaxEncodedFrame + 500, 0x11);
    wire.push_back(0);
    wire = cat(wire, frameBytes(MsgType::Hello, 9, {1}));
    const Decoded d = decodeAll(wire);
    QCOMPARE(d.errors, std::vector<FrameDecoder::Result>{FrameDecoder::Result::Overflow});
    QCOMPARE(d.frames.size(), std::size_t{1});
    QCOMPARE(d.frames[0].first.seq, std::uint16_t{9});
  }

  void lengthFieldMustMatchThePacket() {
    // A valid-CRC packet whose len says 3 but carries 2 bytes is malformed, not a frame.
    Bytes raw{0x10, 0x00, 0x00, 0x03, 0x00, 0xAA, 0xBB};
    const std::uint32_t c = crc32(raw.data(), raw.size());
    for (int k = 0; k < 4; ++k) raw.push_back(static_cast<std::uint8_t>(c >> (8 * k)));
    Bytes wire = encodeCobs(raw);
    wire.push_back(0);
    QCOMPARE(decodeAll(wire).errors, std::vector<FrameDecoder::Result>{FrameDecoder::Result::Malformed});
    QCOMPARE(decodeAll(Bytes{0x02, 0x11, 0x00}).errors,
             std::vector<FrameDecoder::Result>{FrameDecoder::Result::Malformed});
    QVERIFY(decodeAll(Bytes{0, 0, 0}).errors.empty());  // idle delimiters are not errors
  }

  void writerRefusesOversizedPayloadsAndCountMismatch() {
    Bytes out;
    FrameWriter w(appendSink, &out);
    QVERIFY(!w.begin(0x10, 0, kMaxPayload + 1));
    QVERIFY(w.begin(0x10, 0, 4));
    const std::uint8_t three[3] = {1, 2, 3};
    w.write(three, 3);
    QVERIFY(!w.end());
    QVERIFY(decodeAll(out).frames.empty());  // the receiver drops it
  }

  void deviceInfoRoundTrips() {
    DeviceInfo info;
    std::strcpy(info.board, "Arduino Nano 33 BLE Sense");  // 25 chars: truncated to 24
    std::strcpy(info.firmwareVersion, "0.1.0");
    std::strcpy(info.sensor, "OV7675");
    std::strcpy(info.deviceId, "virtual-0001");
    info.frameWidth = 96;
    info.frameHeight = 96;
    info.maxPayload = kMaxPayload;
    std::strcpy(info.modelId, "fashion-v3");
    info.modelSize = 12345;
    info.modelCrc = 0xDEADBEEF;
    info.freeRam = 100000;
    info.modelCapacity = 65536;
    std::uint8_t p[kDeviceInfoSize];
    QCOMPARE(encode(info, p, sizeof p), kDeviceInfoSize);
    DeviceInfo back;
    QVERIFY(decode(p, sizeof p, back));
    QCOMPARE(QString(back.board), QString("Arduino Nano 33 BLE Sens"));
    QCOMPARE(QString(back.sensor), QString("OV7675"));
    QCOMPARE(QString(back.deviceId), QString("virtual-0001"));
    QCOMPARE(QString(back.modelId), QString("fashion-v3"));
    QCOMPARE(back.frameWidth, std::uint16_t{96});
    QCOMPARE(back.modelCrc, 0xDEADBEEFu);
    QCOMPARE(back.modelCapacity, 65536u);
    QVERIFY(!decode(p, sizeof p - 1, back));
  }

  void frameChunkChecksItsBounds() {
    std::uint8_t p[kFrameChunkFixedSize + 4];
    FrameChunk c;
    c.frameId = 3;
    c.timestampUs = 0x0102030405ULL;
    c.width = 4;
    c.height = 2;
    c.totalSize = 8;
    c.offset = 4;
    QCOMPARE(encodeFixed(c, p, sizeof p), kFrameChunkFixedSize);
    std::memset(p + kFrameChunkFixedSize, 7, 4);
    FrameChunk back;
    QVERIFY(decode(p, sizeof p, back));
    QCOMPARE(back.timestampUs, 0x0102030405ULL);
    QCOMPARE(back.dataSize, std::size_t{4});
    QCOMPARE(back.data[3], std::uint8_t{7});
    c.offset = 5;  // 5 + 4 > 8
    encodeFixed(c, p, sizeof p);
    QVERIFY(!decode(p, sizeof p, back));
    c.offset = 0;
    c.totalSize = 9;  // does not match 4x2 gray
    encodeFixed(c, p, sizeof p);
    QVERIFY(!decode(p, sizeof p, back));
  }

  void inferenceResultCarriesInt8OrFloatScores() {
    InferenceResult r;
    r.frameId = 11;
    r.latencyUs = 4321;
    r.count = 3;
    r.scale = 0.00390625f;
    r.zeroPoint = -128;
    std::uint8_t p[kInferenceFixedSize + 3];
    QCOMPARE(encodeFixed(r, p, sizeof p), kInferenceFixedSize);
    p[kInferenceFixedSize] = 0x80;
    p[kInferenceFixedSize + 1] = 0x7F;
    p[kInferenceFixedSize + 2] = 0x00;
    InferenceResult back;
    QVERIFY(decode(p, sizeof p, back));
    QCOMPARE(back.scale, 0.00390625f);
    QCOMPARE(back.zeroPoint, -128);
    QCOMPARE(static_cast<std::int8_t>(back.scores[0]), std::int8_t{-128});
    QVERIFY(!decode(p, sizeof p - 1, back));  // count says 3 scores
    r.kind = ScoreKind::Float32;
    encodeFixed(r, p, sizeof p);
    QVERIFY(!decode(p, sizeof p, back));  // 3 floats need 12 bytes
  }

  void detectionsMatchTheHandAssembledBytes() {
    DetectionsMsg m;
    m.frameId = 0x01020304;
    m.latencyUs = 1000;
    m.gridW = 12;
    m.gridH = 12;
    m.count = 1;
    m.scale = 0.00390625f;  // 0x3B800000
    m.zeroPoint = -128;
    Bytes p(kDetectionsFixedSize + kDetectionRecordSize);
    QCOMPARE(encodeFixed(m, p.data(), p.size()), kDetectionsFixedSize);
    const DetectionRecord d{2, -3, 1, 4, 2, 5, 0x0180, 0x0500};
    QCOMPARE(encode(d, p.data() + kDetectionsFixedSize, kDetectionRecordSize), kDetectionRecordSize);
    const Bytes expected{0x04, 0x03, 0x02, 0x01, 0xE8, 0x03, 0x00, 0x00,  // frame id, latency
                         0x01, 0x0A, 0x0C, 0x0C, 0x01,                    // layout 1, 10-byte records, 12x12, 1
                         0x00, 0x00, 0x80, 0x3B, 0x80, 0xFF, 0xFF, 0xFF,  // scale, zero point
                         0x02, 0xFD, 0x01, 0x04, 0x02, 0x05, 0x80, 0x01, 0x00, 0x05};
    QCOMPARE(p, expected);
    DetectionsMsg back;
    QVERIFY(decode(p.data(), p.size(), back));
    QCOMPARE(back.count, std::uint8_t{1});
    QVERIFY(detectionRecord(back, 0) == d);
    QVERIFY(!decode(p.data(), p.size() - 1, back));  // one record announced, 9 bytes there
    // A later layout with 12-byte records: the first 10 bytes read as layout 1.
    Bytes later = p;
    later[8] = 2;
    later[9] = 12;
    later.insert(later.end(), {0xAA, 0xBB});
    QVERIFY(decode(later.data(), later.size(), back));
    QVERIFY(detectionRecord(back, 0) == d);
    later[8] = 0;  // layout 0 does not exist
    QVERIFY(!decode(later.data(), later.size(), back));
    p[9] = 9;  // records shorter than layout 1's
    QVERIFY(!decode(p.data(), p.size(), back));
  }

  void modelAndErrorMessagesRoundTrip() {
    ModelBegin b;
    b.size = 40000;
    b.crc = 0xCBF43926u;
    std::strcpy(b.modelId, "m1");
    std::uint8_t p[64];
    QCOMPARE(encode(b, p, sizeof p), kModelBeginSize);
    ModelBegin bb;
    QVERIFY(decode(p, kModelBeginSize, bb));
    QCOMPARE(bb.size, 40000u);
    QCOMPARE(QString(bb.modelId), QString("m1"));

    ErrorMsg e;
    e.code = ErrorCode::CrcMismatch;
    e.ofType = MsgType::ModelCommit;
    e.ofSeq = 77;
    const std::size_t n = encodeFixed(e, p, sizeof p);
    std::memcpy(p + n, "crc", 3);
    ErrorMsg eb;
    QVERIFY(decode(p, n + 3, eb));
    QCOMPARE(eb.code, ErrorCode::CrcMismatch);
    QCOMPARE(eb.ofSeq, std::uint16_t{77});
    QCOMPARE(std::string(eb.text, eb.textSize), std::string("crc"));
  }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "test_protocol.moc"
