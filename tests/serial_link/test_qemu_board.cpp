// End to end against the virtual board: the real firmware core under QEMU mps2-an386, its UART on
// a real pseudo-terminal, the real session. Covers streaming, deploy and bit-exact inference, and
// the faults: garbage both ways, truncated frames, an upload cut off halfway, and a disconnect
// mid-stream with automatic reconnect.
#include <QtTest>

#include <QTemporaryDir>

#include <zlib.h>

#include <map>
#include <memory>

#include "firmware/inference/infer.h"
#include "firmware/protocol/crc32.h"
#include "serial_link/board_session.h"
#include "serial_link/qemu_board.h"
#include "tests/serial_link/tiny_model.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint32_t hashOf(const Bytes& blob) { return protocol::crc32(blob.data(), blob.size() - 4); }

// Image `index` of the Fashion-MNIST test set, as bundled into the virtual board.
Bytes fashionImage(int index) {
  gzFile f = gzopen("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "rb");
  if (!f) return {};
  Bytes all(16 + 784 * static_cast<std::size_t>(index + 1));
  gzread(f, all.data(), static_cast<unsigned>(all.size()));
  gzclose(f);
  return Bytes(all.end() - 784, all.end());
}

// Streams `frames` frames with inference and compares each prediction with the host's.
struct Comparison {
  int frames = 0, compared = 0, mismatches = 0;
};
Comparison compareWithHost(serial_link::BoardSession& s, const Bytes& blob, std::uint32_t frames) {
  auto host = std::make_unique<inference::FrameInference>();
  if (!host->load(blob.data(), blob.size())) qFatal("host cannot load the model");
  std::map<std::uint32_t, CapturedFrame> pending;
  Comparison c;
  auto a = QObject::connect(&s, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame& f) {
    pending[f.frameId] = f;
    ++c.frames;
  });
  auto b = QObject::connect(&s, &serial_link::BoardSession::inferenceReceived, [&](const serial_link::BoardInference& r) {
    const auto it = pending.find(r.frameId);
    if (it == pending.end()) return;
    inference::Scores mine;
    host->run(it->second.pixels.data(), {it->second.width, it->second.height, it->second.format}, mine);
    ++c.compared;
    if (r.scores != std::vector<std::int8_t>(mine.q, mine.q + mine.count)) ++c.mismatches;
  });
  s.startStream(frames);
  s.waitUntil([&] { return c.compared >= static_cast<int>(frames); }, 30000);
  QObject::disconnect(a);
  QObject::disconnect(b);
  return c;
}

}  // namespace

class TestVirtualBoard : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  std::unique_ptr<serial_link::QemuBoard> board_;

 private slots:
  void initTestCase() {
    QVERIFY2(serial_link::QemuBoard::available(), "qemu-system-arm and virtual_board.elf are required");
  }
  void init() {
    board_ = std::make_unique<serial_link::QemuBoard>();
    board_->start(dir_.filePath("board"));
  }
  void cleanup() { board_.reset(); }

  void handshakeDescribesTheVirtualBoard() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    QCOMPARE(s.device().protocolVersion, int{protocol::kProtocolVersion});
    QCOMPARE(s.device().board, std::string("Loupe virtual board"));
    QCOMPARE(s.device().deviceId, std::string("virtual-0001"));
    QCOMPARE(s.device().frameWidth, 96);
    QCOMPARE(s.device().modelSize, 0u);
    QVERIFY(s.device().freeRam > 8 * 1024);
  }

  void streamsHundredFramesOfTheBundledImages() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    std::vector<CapturedFrame> got;
    connect(&s, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame& f) { got.push_back(f); });
    s.startStream(100);
    QVERIFY(s.waitUntil([&] { return got.size() >= 100; }, 60000));
    QCOMPARE(s.stats().frames, std::uint64_t{100});
    QCOMPARE(s.stats().crcErrors, std::uint64_t{0});
    QCOMPARE(s.stats().dropped, std::uint64_t{0});
    QVERIFY(s.stats().fps > 1.0);
    // Frame 0 is test image 0 upscaled 28 -> 96 by nearest neighbour; frame 9 is image 1.
    const Bytes img0 = fashionImage(0), img1 = fashionImage(1);
    QCOMPARE(img0.size(), std::size_t{784});
    QCOMPARE(got[0].pixels.size(), std::size_t{96 * 96});
    QCOMPARE(got[0].pixels[0], img0[0]);
    QCOMPARE(got[0].pixels[50 * 96 + 70], img0[(50 * 28 / 96) * 28 + 70 * 28 / 96]);
    QCOMPARE(got[9].pixels[50 * 96 + 70], img1[(50 * 28 / 96) * 28 + 70 * 28 / 96]);
    QVERIFY(got[99].timestampUs > got[0].timestampUs);
    for (std::size_t i = 0; i < got.size(); ++i) QCOMPARE(got[i].frameId, static_cast<std::uint32_t>(i));
  }

  void garbageBothWaysIsSurvived() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    // Garbage into the board's decoder, with and without delimiters: the handshake still works.
    const std::uint8_t garbage[] = {0x55, 0xAA, 0x13, 0x00, 0x99, 0x98, 0x97};
    s.writeRaw(garbage, sizeof garbage);
    QCOMPARE(s.handshake().deviceId, std::string("virtual-0001"));
    // Garbage into the host's decoder in the middle of a stream.
    int frames = 0;
    connect(&s, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame&) {
      if (++frames == 10) {
        const std::uint8_t noise[] = {0x42, 0x00, 0x17, 0x99, 0x01};
        s.feed(noise, sizeof noise);
      }
    });
    s.startStream(40);
    QVERIFY(s.waitUntil([&] { return frames + static_cast<int>(s.stats().dropped) >= 40; }, 30000));
    QVERIFY(s.stats().crcErrors + s.stats().malformed >= 1);
    QVERIFY(s.stats().dropped <= 1);  // at most the frame whose chunk absorbed the noise
  }

  void truncatedFrameToTheBoardIsDropped() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    // Half of a StartStream frame, no delimiter: the board merges it with the next packet, drops
    // that one, and answers the retried Hello.
    const std::uint8_t half[] = {0x03, 0x03, 0x07, 0x00, 0x05};
    s.writeRaw(half, sizeof half);
    QCOMPARE(s.handshake().board, std::string("Loupe virtual board"));
    QVERIFY(!s.streaming());
  }

  void deployedModelMatchesTheHostBitForBit() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    const Bytes blob = test::tinyModel(1);
    std::vector<std::int64_t> progress;
    Progress p;
    p.report = [&](std::int64_t done, std::int64_t, const std::string&) { progress.push_back(done); };
    const serial_link::DeployResult r = s.deploy(blob, "tiny-1", p);
    QVERIFY2(r.committed, r.message.c_str());
    QCOMPARE(r.activeHash, hashOf(blob));
    QCOMPARE(s.device().modelId, std::string("tiny-1"));
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.back(), static_cast<std::int64_t>(blob.size()));
    const Comparison c = compareWithHost(s, blob, 25);
    QCOMPARE(c.compared, 25);
    QCOMPARE(c.mismatches, 0);
  }

  void rejectedModelRollsBack() {
    serial_link::BoardSession s;
    s.connectTo(board_->port());
    const Bytes a = test::tinyModel(1);
    const serial_link::DeployResult first = s.deploy(a, "a");
      QVERIFY2(first.committed, first.message.c_str());
    Bytes junk(3000, 0x5A);  // transfers intact, but no runtime accepts it
    const serial_link::DeployResult r = s.deploy(junk, "junk");
    QVERIFY(!r.committed);
    QVERIFY2(QString::fromStdString(r.message).contains("rejected"), r.message.c_str());
    QCOMPARE(r.activeHash, hashOf(a));
    QCOMPARE(s.device().modelId, std::string("a"));
  }

  void uploadCutOffHalfwayKeepsTheOldModelRunning() {
    const Bytes a = test::tinyModel(1), b = test::tinyModel(2, 5);
    {
      serial_link::BoardSession s;
      s.connectTo(board_->port());
      const serial_link::DeployResult first = s.deploy(a, "a");
      QVERIFY2(first.committed, first.message.c_str());
      // Begin an upload of b and send half of it, then the host goes away.
      protocol::ModelBegin begin;
      begin.size = static_cast<std::uint32_t>(b.size());
      begin.crc = protocol::crc32(b.data(), b.size());
      Bytes p(protocol::kModelBeginSize);
      protocol::encode(begin, p.data(), p.size());
      QVERIFY(s.request(protocol::MsgType::ModelBegin, p).ok);
      protocol::ModelChunk c;
      p.assign(protocol::kModelChunkFixedSize, 0);
      protocol::encodeFixed(c, p.data(), p.size());
      p.insert(p.end(), b.begin(), b.begin() + static_cast<long>(b.size() / 2));
      const serial_link::Reply r = s.request(protocol::MsgType::ModelChunk, p);
      QVERIFY(r.ok);
      QCOMPARE(r.value, static_cast<std::uint32_t>(b.size() / 2));
    }
    serial_link::BoardSession s;
    // The board abandons the stalled upload and says so; a late commit finds nothing to commit.
    // Listen before connecting: on a loaded machine the board's timeout can fire during the
    // handshake.
    QString error;
    connect(&s, &serial_link::BoardSession::boardError, [&](const QString& e) { error = e; });
    s.connectTo(board_->port());
    QCOMPARE(s.device().modelCrc, hashOf(a));
    QVERIFY(s.waitUntil([&] { return !error.isEmpty(); }, 8000));
    QVERIFY(error.contains("stalled"));
    Bytes p(protocol::kModelCommitSize);
    protocol::encode(protocol::ModelCommit{protocol::crc32(b.data(), b.size())}, p.data(), p.size());
    QCOMPARE(s.request(protocol::MsgType::ModelCommit, p).error, protocol::ErrorCode::BadState);
    // And it still runs a, bit for bit.
    const Comparison c = compareWithHost(s, a, 5);
    QCOMPARE(c.mismatches, 0);
    QCOMPARE(c.compared, 5);
  }

  void disconnectMidStreamReconnectsAndFinishes() {
    serial_link::BoardSession::Options o;
    o.reconnectTimeoutMs = 20000;
    serial_link::BoardSession s(o);
    s.connectTo(board_->port());
    int frames = 0;
    bool pulled = false;
    std::vector<bool> connection;
    connect(&s, &serial_link::BoardSession::connectionChanged, [&](bool up) { connection.push_back(up); });
    connect(&s, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame&) {
      if (++frames == 15 && !pulled) {
        pulled = true;
        board_->stop();  // the cable is pulled...
        board_->start(dir_.filePath("board"));  // ...and the board comes back on the same name
      }
    });
    s.startStream(40);
    QVERIFY(s.waitUntil([&] { return frames >= 40; }, 60000));
    QCOMPARE(frames, 40);
    QCOMPARE(s.stats().reconnects, std::uint64_t{1});
    QCOMPARE(connection, (std::vector<bool>{false, true}));
    QVERIFY(!s.lostConnection());
  }

  void reconnectGivesUpWithAClearError() {
    serial_link::BoardSession::Options o;
    o.reconnectTimeoutMs = 1000;
    serial_link::BoardSession s(o);
    s.connectTo(board_->port());
    board_->stop();
    QFile::remove(dir_.filePath("board"));
    try {
      s.startStream(10);
      s.waitUntil([] { return false; }, 10000);
      QFAIL("expected an error");
    } catch (const std::runtime_error& e) {
      QVERIFY2(QString(e.what()).contains("could not reopen"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestVirtualBoard)
#include "test_qemu_board.moc"
