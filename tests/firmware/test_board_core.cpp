// The board core on the host, through an in-memory BoardPort: handshake, streaming with
// inference, and the model store's guarantees (the old model runs until a verified commit).
#include <QtTest>

#include <deque>
#include <memory>
#include <vector>

#include "firmware/board/board_core.h"
#include "firmware/protocol/crc32.h"
#include "firmware/protocol/frame.h"
#include "firmware/protocol/messages.h"
#include "tests/firmware/ram_flash.h"
#include "tests/serial_link/tiny_model.h"

using namespace loupe;
using protocol::MsgType;
using Bytes = std::vector<std::uint8_t>;

namespace {

class MemoryPort final : public board::BoardPort {
 public:
  std::size_t read(std::uint8_t* out, std::size_t capacity) override {
    std::size_t n = 0;
    while (n < capacity && !in.empty()) {
      out[n++] = in.front();
      in.pop_front();
    }
    return n;
  }
  void write(const std::uint8_t* data, std::size_t size) override { out.insert(out.end(), data, data + size); }
  std::uint64_t micros() override { return now; }
  bool capture(std::uint8_t* px, std::size_t capacity, inference::FrameInfo& info) override {
    if (capacity < 96 * 96) return false;
    for (int i = 0; i < 96 * 96; ++i) px[i] = static_cast<std::uint8_t>((i * 7 + shots * 31) & 0xFF);
    ++shots;
    info = {96, 96, protocol::PixelFormat::Gray8};
    return true;
  }
  std::uint32_t freeRam() override { return 12345; }

  std::deque<std::uint8_t> in;
  Bytes out;
  std::uint64_t now = 1000;
  int shots = 0;
};

struct Message {
  MsgType type;
  std::uint16_t seq;
  Bytes payload;
};

void toPort(void* ctx, const std::uint8_t* d, std::size_t n) {
  auto* q = static_cast<std::deque<std::uint8_t>*>(ctx);
  q->insert(q->end(), d, d + n);
}

class Harness {
 public:
  Harness() : core(std::make_unique<board::BoardCore>(port, flash, identity)) {}
  // The board restarts: a new core on the same flash (what survives a power cycle).
  void restart() {
    core = std::make_unique<board::BoardCore>(port, flash, identity);
    core->start();
  }

  std::uint16_t send(MsgType t, const Bytes& payload) {
    protocol::FrameWriter w(toPort, &port.in);
    w.send(static_cast<std::uint8_t>(t), seq, payload.data(), payload.size());
    return seq++;
  }
  // Polls the core and returns what it sent since the last call.
  std::vector<Message> poll(int times = 1) {
    for (int i = 0; i < times; ++i) core->poll();
    std::vector<Message> msgs;
    for (std::uint8_t b : port.out)
      if (decoder.push(b) == protocol::FrameDecoder::Result::Frame)
        msgs.push_back({static_cast<MsgType>(decoder.frame().type), decoder.frame().seq,
                        Bytes(decoder.frame().payload, decoder.frame().payload + decoder.frame().size)});
    port.out.clear();
    return msgs;
  }
  protocol::DeviceInfo hello() {
    send(MsgType::Hello, {protocol::kProtocolVersion});
    const auto m = poll();
    protocol::DeviceInfo info;
    if (m.size() != 1 || m[0].type != MsgType::DeviceInfo || !protocol::decode(m[0].payload.data(), m[0].payload.size(), info))
      qFatal("no DeviceInfo");
    return info;
  }
  // Begin + all chunks; returns the replies.
  std::vector<Message> upload(const Bytes& blob, std::uint32_t announcedCrc, std::size_t stopAfter = SIZE_MAX) {
    protocol::ModelBegin b;
    b.size = static_cast<std::uint32_t>(blob.size());
    b.crc = announcedCrc;
    std::strcpy(b.modelId, "tiny");
    Bytes p(protocol::kModelBeginSize);
    protocol::encode(b, p.data(), p.size());
    send(MsgType::ModelBegin, p);
    std::vector<Message> replies = poll();
    for (std::size_t off = 0; off < blob.size() && off < stopAfter; off += 1000) {
      protocol::ModelChunk c;
      c.offset = static_cast<std::uint32_t>(off);
      Bytes q(protocol::kModelChunkFixedSize);
      protocol::encodeFixed(c, q.data(), q.size());
      q.insert(q.end(), blob.begin() + static_cast<long>(off), blob.begin() + static_cast<long>(std::min(blob.size(), off + 1000)));
      send(MsgType::ModelChunk, q);
      for (auto& m : poll()) replies.push_back(m);
    }
    return replies;
  }
  std::vector<Message> commit(std::uint32_t crc) {
    Bytes p(protocol::kModelCommitSize);
    protocol::encode(protocol::ModelCommit{crc}, p.data(), p.size());
    send(MsgType::ModelCommit, p);
    return poll();
  }
  static protocol::ErrorCode errorOf(const Message& m) {
    protocol::ErrorMsg e;
    if (m.type != MsgType::Error || !protocol::decode(m.payload.data(), m.payload.size(), e)) return protocol::ErrorCode{};
    return e.code;
  }

  MemoryPort port;
  test::RamFlash flash{board::ModelStore::requiredFlashBytes(4096)};
  board::BoardIdentity identity{"Test board", "9.9.9", "pattern", "test-0001", {96, 96, protocol::PixelFormat::Gray8}};
  std::unique_ptr<board::BoardCore> core;
  std::vector<std::uint8_t> rx = std::vector<std::uint8_t>(protocol::kMaxEncodedFrame);
  protocol::FrameDecoder decoder{rx.data(), rx.size()};
  std::uint16_t seq = 0;
};

// The model hash the board reports: the blob's CRC-32 trailer.
std::uint32_t modelId(const Bytes& blob) {
  const std::size_t n = blob.size() - 4;
  return protocol::crc32(blob.data(), n);
}

bool allAcks(const std::vector<Message>& m) {
  for (const auto& x : m)
    if (x.type != MsgType::Ack) return false;
  return !m.empty();
}

}  // namespace

class TestBoardCore : public QObject {
  Q_OBJECT
 private slots:
  void handshakeDescribesTheBoard() {
    Harness h;
    const protocol::DeviceInfo info = h.hello();
    QCOMPARE(info.protocolVersion, protocol::kProtocolVersion);
    QCOMPARE(QString(info.board), QString("Test board"));
    QCOMPARE(QString(info.deviceId), QString("test-0001"));
    QCOMPARE(info.frameWidth, std::uint16_t{96});
    QCOMPARE(info.modelSize, 0u);
    QCOMPARE(info.freeRam, 12345u);
    QCOMPARE(info.maxPayload, std::uint16_t{protocol::kMaxPayload});
    QCOMPARE(info.modelCapacity, static_cast<std::uint32_t>(board::kModelSlotBytes));
  }

  void unknownTypesAndGarbageAreIgnored() {
    Harness h;
    h.send(static_cast<MsgType>(0x7E), {1, 2, 3});
    // Two garbage packets, each closed by a delimiter, so the decoder is in sync for Hello.
    for (std::uint8_t g : {0x12, 0x34, 0x00, 0x99, 0x00}) h.port.in.push_back(g);
    QVERIFY(h.poll().empty());
    QCOMPARE(h.core->receiveErrors(), 2u);
    QCOMPARE(QString(h.hello().board), QString("Test board"));
  }

  void deployedModelRunsOnStreamedFrames() {
    Harness h;
    const Bytes blob = test::tinyModel(1);
    const std::uint32_t crc = protocol::crc32(blob.data(), blob.size());
    QVERIFY(allAcks(h.upload(blob, crc)));
    const auto done = h.commit(crc);
    QVERIFY(allAcks(done));
    const protocol::DeviceInfo info = h.hello();
    QCOMPARE(info.modelCrc, modelId(blob));
    QCOMPARE(info.modelSize, static_cast<std::uint32_t>(blob.size()));
    QCOMPARE(QString(info.modelId), QString("tiny"));

    Bytes p(protocol::kStartStreamSize);
    protocol::encode(protocol::StartStream{}, p.data(), p.size());
    h.send(MsgType::StartStream, p);
    const auto msgs = h.poll(5);  // asks for 0 = unlimited; 5 polls = 5 frames
    int chunks = 0, results = 0;
    inference::FrameInference host;
    QVERIFY(host.load(blob.data(), blob.size()));
    Bytes frame;
    for (const auto& m : msgs) {
      if (m.type == MsgType::FrameChunk) {
        protocol::FrameChunk c;
        QVERIFY(protocol::decode(m.payload.data(), m.payload.size(), c));
        if (c.offset == 0) frame.clear();
        QCOMPARE(static_cast<std::size_t>(c.offset), frame.size());
        frame.insert(frame.end(), c.data, c.data + c.dataSize);
        ++chunks;
      } else if (m.type == MsgType::InferenceResult) {
        protocol::InferenceResult r;
        QVERIFY(protocol::decode(m.payload.data(), m.payload.size(), r));
        QCOMPARE(frame.size(), std::size_t{96 * 96});
        inference::Scores s;
        QVERIFY(host.run(frame.data(), {96, 96, protocol::PixelFormat::Gray8}, s));
        QCOMPARE(r.count, std::uint8_t{4});
        QCOMPARE(r.zeroPoint, -128);
        QCOMPARE(r.scale, 1.0f / 256);
        QCOMPARE(Bytes(r.scores, r.scores + r.count), Bytes(reinterpret_cast<std::uint8_t*>(s.q), reinterpret_cast<std::uint8_t*>(s.q) + 4));
        ++results;
      }
    }
    QCOMPARE(chunks, 5 * 3);  // 9216 bytes in chunks of at most 4071
    QCOMPARE(results, 5);
  }

  void theDeployedModelRunsAgainAfterARestart() {
    Harness h;
    const Bytes blob = test::tinyModel(3);
    const std::uint32_t crc = protocol::crc32(blob.data(), blob.size());
    QVERIFY(allAcks(h.upload(blob, crc)));
    QVERIFY(allAcks(h.commit(crc)));
    h.restart();
    const protocol::DeviceInfo info = h.hello();
    QCOMPARE(info.modelCrc, modelId(blob));
    QCOMPARE(QString(info.modelId), QString("tiny"));
    // An upload cut off before its commit does not replace it, across a restart either.
    const Bytes other = test::tinyModel(4);
    h.upload(other, protocol::crc32(other.data(), other.size()), 1000);
    h.restart();
    QCOMPARE(h.hello().modelCrc, modelId(blob));
  }

  void countedStreamStops() {
    Harness h;
    Bytes p(protocol::kStartStreamSize);
    protocol::encode(protocol::StartStream{protocol::StartStream::kFrames, 2}, p.data(), p.size());
    h.send(MsgType::StartStream, p);
    h.poll(6);
    QCOMPARE(h.port.shots, 2);
    QVERIFY(!h.core->streaming());
  }

  void crcMismatchKeepsTheOldModel() {
    Harness h;
    const Bytes a = test::tinyModel(1), b = test::tinyModel(2);
    const std::uint32_t ca = protocol::crc32(a.data(), a.size()), cb = protocol::crc32(b.data(), b.size());
    QCOMPARE(ca, cb);  // whole-blob CRC of a blob ending in its CRC: always the CRC-32 residue
    QCOMPARE(ca, 0x2144DF1Cu);
    QVERIFY(modelId(a) != modelId(b));
    h.upload(a, ca);
    h.commit(ca);
    Bytes corrupt = b;
    corrupt[100] ^= 0x40;  // one bit flipped in transit: staged bytes no longer match cb
    QVERIFY(allAcks(h.upload(corrupt, cb)));
    const auto r = h.commit(cb);
    QCOMPARE(r.size(), std::size_t{1});
    QCOMPARE(Harness::errorOf(r[0]), protocol::ErrorCode::CrcMismatch);
    QCOMPARE(h.hello().modelCrc, modelId(a));
  }

  void blobTheRuntimeRejectsKeepsTheOldModel() {
    Harness h;
    const Bytes a = test::tinyModel(1);
    const std::uint32_t ca = protocol::crc32(a.data(), a.size());
    h.upload(a, ca);
    h.commit(ca);
    const Bytes junk(2000, 0x5A);  // transfers fine, but is no model
    const std::uint32_t cj = protocol::crc32(junk.data(), junk.size());
    QVERIFY(allAcks(h.upload(junk, cj)));
    const auto r = h.commit(cj);
    QCOMPARE(Harness::errorOf(r.at(0)), protocol::ErrorCode::InvalidModel);
    QCOMPARE(h.hello().modelCrc, modelId(a));
  }

  void uploadCutOffHalfwayTimesOutAndKeepsTheOldModel() {
    Harness h;
    const Bytes a = test::tinyModel(1), b = test::tinyModel(2);
    const std::uint32_t ca = protocol::crc32(a.data(), a.size()), cb = protocol::crc32(b.data(), b.size());
    h.upload(a, ca);
    h.commit(ca);
    QVERIFY(allAcks(h.upload(b, cb, b.size() / 2)));  // the host vanishes mid-upload
    h.port.now += board::kUploadTimeoutUs - 1;
    QVERIFY(h.poll().empty());
    h.port.now += 2;
    const auto r = h.poll();
    QCOMPARE(r.size(), std::size_t{1});
    QCOMPARE(Harness::errorOf(r[0]), protocol::ErrorCode::Timeout);
    QCOMPARE(h.hello().modelCrc, modelId(a));
    // A late chunk or commit finds no upload in progress.
    QCOMPARE(Harness::errorOf(h.commit(cb).at(0)), protocol::ErrorCode::BadState);
  }

  void aClockSteppingBackDoesNotAbandonAnUpload() {
    // Emulated timers can deliver the tick late, so a reading may come out a little earlier than
    // the previous one; unsigned "now - last" would then look like ~584,000 years of silence.
    Harness h;
    const Bytes a = test::tinyModel(1);
    const std::uint32_t ca = protocol::crc32(a.data(), a.size());
    h.port.now = 5'000'000;
    QVERIFY(allAcks(h.upload(a, ca, a.size() / 2)));
    h.port.now -= 700;
    QVERIFY(h.poll().empty());  // no "upload stalled"
    h.port.now += 700 + board::kUploadTimeoutUs - 1;
    QVERIFY(h.poll().empty());
    h.port.now += 2;
    QCOMPARE(Harness::errorOf(h.poll().at(0)), protocol::ErrorCode::Timeout);
  }

  void oversizedAndNonContiguousUploadsAreRefused() {
    Harness h;
    protocol::ModelBegin b;
    b.size = static_cast<std::uint32_t>(board::kModelSlotBytes + 1);
    Bytes p(protocol::kModelBeginSize);
    protocol::encode(b, p.data(), p.size());
    h.send(MsgType::ModelBegin, p);
    QCOMPARE(Harness::errorOf(h.poll().at(0)), protocol::ErrorCode::TooLarge);

    b.size = 100;
    protocol::encode(b, p.data(), p.size());
    h.send(MsgType::ModelBegin, p);
    QVERIFY(allAcks(h.poll()));
    Bytes c(protocol::kModelChunkFixedSize);
    protocol::encodeFixed(protocol::ModelChunk{10, nullptr, 0}, c.data(), c.size());
    c.push_back(1);
    h.send(MsgType::ModelChunk, c);
    QCOMPARE(Harness::errorOf(h.poll().at(0)), protocol::ErrorCode::BadOffset);
  }
};

int runBoardCoreTests(int argc, char** argv) {
  TestBoardCore t;
  return QTest::qExec(&t, argc, argv);
}
#include "test_board_core.moc"
