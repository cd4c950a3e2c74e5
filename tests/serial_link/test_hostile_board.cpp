// Boards that report nonsense, through a real pseudo-terminal (ScriptedBoard) to the real session
// and the real `loupe` CLI: a max payload that would make the model chunk 0 bytes (or underflow),
// Acks that miscount the staged bytes, and a camera frame declaring 65535x65535 pixels.
#include <QtTest>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <stdexcept>

#include "serial_link/board_session.h"
#include "storage/project.h"
#include "tests/serial_link/scripted_board.h"
#include "tests/serial_link/tiny_model_project.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

struct Run {
  int exitCode = -1;
  qint64 ms = 0;
  QJsonObject json;
  QString err;
};

Run loupeCli(const QStringList& args, int timeoutMs = 30000) {
  QProcess p;
  QElapsedTimer t;
  t.start();
  p.start(qEnvironmentVariable("LOUPE_CLI"), args);
  Run r;
  if (!p.waitForFinished(timeoutMs)) {
    p.kill();
    p.waitForFinished();
  }
  r.ms = t.elapsed();
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  r.json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
  r.err = QString::fromUtf8(p.readAllStandardError());
  return r;
}

// The message connectTo fails with; empty if it connects.
QString connectError(const std::string& port) {
  serial_link::BoardSession s;
  try {
    s.connectTo(QString::fromStdString(port));
  } catch (const std::runtime_error& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class TestHostileBoard : public QObject {
  Q_OBJECT
 private:
  QTemporaryDir dir_;
  QString project_;

 private slots:
  void initTestCase() {
    project_ = dir_.filePath("models.loupe");
    test::createProjectWithTinyModel(project_);
  }

  void deployRefusesABoardWithAnImpossibleMaxPayload_data() {
    QTest::addColumn<int>("maxPayload");
    QTest::newRow("0") << 0;
    QTest::newRow("3 (chunk size underflows)") << 3;
    QTest::newRow("4 (chunks of 0 bytes)") << 4;
    QTest::newRow("63") << 63;
    QTest::newRow("65535") << 65535;
  }
  void deployRefusesABoardWithAnImpossibleMaxPayload() {
    QFETCH(int, maxPayload);
    test::ScriptedBoard board;
    board.info.maxPayload = static_cast<std::uint16_t>(maxPayload);
    board.start();
    QVERIFY(!board.port().empty());
    const QString portName = QString::fromStdString(board.port());
    const Run r = loupeCli({"device", "deploy", "--port", portName, project_, "--model", "tiny"});
    QVERIFY2(r.ms < 10000, qPrintable(QString("took %1 ms").arg(r.ms)));
    QCOMPARE(r.exitCode, 1);
    const QString want = QString("loupe: board on %1 reports max payload %2 (accepted: 64..4096): refusing it")
                             .arg(portName)
                             .arg(maxPayload);
    QVERIFY2(r.err.startsWith(want), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);  // one line
    QCOMPARE(board.modelChunks(), 0);
  }

  void deployWorksWithTheSmallestAcceptedPayload() {
    test::ScriptedBoard board;
    board.info.maxPayload = 64;
    board.start();
    const Run r = loupeCli({"device", "deploy", "--port", QString::fromStdString(board.port()), project_, "--model",
                            "tiny", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.json["committed"].toBool());
    const auto size = static_cast<int>(test::tinyModel(1).size());
    QCOMPARE(r.json["chunks"].toInt(), (size + 59) / 60);  // 64 - 4 bytes of offset per chunk
    QCOMPARE(board.modelChunks(), (size + 59) / 60);
  }

  void otherImplausibleDeviceInfoIsRefusedNamingTheField_data() {
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("width 0") << 0 << QString("frame width 0 (accepted: 1..1024)");
    QTest::newRow("height 65535") << 1 << QString("frame height 65535 (accepted: 1..1024)");
    QTest::newRow("format 7") << 2 << QString("pixel format 7 (accepted: 0..1)");
    QTest::newRow("capacity") << 3 << QString("model capacity 4294967295 (accepted: 0..16777216)");
    QTest::newRow("device id") << 4 << QString("device id has a non-printable byte 0x1b at position 3");
    QTest::newRow("frame bytes") << 5 << QString("frame size in bytes 2097152 (accepted: 1..1048576)");
  }
  void otherImplausibleDeviceInfoIsRefusedNamingTheField() {
    QFETCH(int, field);
    QFETCH(QString, message);
    test::ScriptedBoard board;
    switch (field) {
      case 0: board.info.frameWidth = 0; break;
      case 1: board.info.frameHeight = 65535; break;
      case 2: board.info.pixelFormat = static_cast<protocol::PixelFormat>(7); break;
      case 3: board.info.modelCapacity = 0xFFFFFFFFu; break;
      case 4: std::strcpy(board.info.deviceId, "abc\x1b[2J"); break;
      case 5:
        board.info.frameWidth = board.info.frameHeight = 1024;
        board.info.pixelFormat = protocol::PixelFormat::Rgb565;
        break;
    }
    board.start();
    QElapsedTimer t;
    t.start();
    const QString err = connectError(board.port());
    QVERIFY2(err.contains("reports " + message), qPrintable(err));
    QVERIFY(t.elapsed() < 3000);  // refused at the first answer, not after the handshake timeout
  }

  void deployFailsWhenTheBoardMiscountsStagedBytes() {
    test::ScriptedBoard board;
    board.ackSkew = 1;
    board.start();
    serial_link::BoardSession s;
    s.connectTo(QString::fromStdString(board.port()));
    const serial_link::DeployResult r = s.deploy(test::tinyModel(1), "tiny");
    QVERIFY(!r.committed);
    QVERIFY2(QString::fromStdString(r.message).startsWith("the board acknowledged the chunk at offset 0 with "),
             r.message.c_str());
    QCOMPARE(board.modelChunks(), 1);
  }

  void aFrameChunkDeclaring65535Squared_isRejectedWithoutAllocating() {
    // Without the check the host zero-fills 4 GiB for this chunk; the test runs with ASan's
    // max_allocation_size_mb (CMakeLists.txt), so such an allocation aborts it.
    test::ScriptedBoard board;
    board.onStartStream = [] {
      Bytes out = test::ScriptedBoard::frameChunk(100, 0, 65535, 65535, 0, Bytes(64, 7));
      // Then a genuine 96x96 frame in three chunks.
      std::uint16_t seq = 101;
      for (std::uint32_t off = 0; off < 96 * 96; off += 4071) {
        const Bytes px(std::min<std::uint32_t>(4071, 96 * 96 - off), static_cast<std::uint8_t>(off / 4071));
        const Bytes c = test::ScriptedBoard::frameChunk(seq++, 1, 96, 96, off, px);
        out.insert(out.end(), c.begin(), c.end());
      }
      return out;
    };
    board.start();
    serial_link::BoardSession s;
    s.connectTo(QString::fromStdString(board.port()));
    QStringList errors;
    std::vector<CapturedFrame> frames;
    connect(&s, &serial_link::BoardSession::boardError, [&](const QString& e) { errors << e; });
    connect(&s, &serial_link::BoardSession::frameReceived, [&](const CapturedFrame& f) { frames.push_back(f); });
    s.startStream(1, protocol::StartStream::kFrames);
    QVERIFY(s.waitUntil([&] { return !frames.empty(); }, 5000));
    QCOMPARE(s.stats().rejected, std::uint64_t{1});
    QCOMPARE(s.stats().malformed, std::uint64_t{0});
    QCOMPARE(frames[0].frameId, 1u);
    QCOMPARE(frames[0].pixels.size(), std::size_t{96 * 96});
    QCOMPARE(frames[0].pixels[4071], std::uint8_t{1});
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].startsWith("frame chunk (frame 0) rejected: declares 65535x65535 gray8 = 4294836225 bytes"),
             qPrintable(errors[0]));
  }

  void cliStreamCountsRejectedChunks() {
    test::ScriptedBoard board;
    board.onStartStream = [] {
      // A chunk of a 32x32 frame from a board that announced 96x96, then a whole 96x96 frame.
      Bytes out = test::ScriptedBoard::frameChunk(50, 0, 32, 32, 0, Bytes(1024, 1));
      std::uint16_t seq = 51;
      for (std::uint32_t off = 0; off < 96 * 96; off += 4071) {
        const Bytes c = test::ScriptedBoard::frameChunk(seq++, 1, 96, 96, off,
                                                           Bytes(std::min<std::uint32_t>(4071, 96 * 96 - off), 2));
        out.insert(out.end(), c.begin(), c.end());
      }
      return out;
    };
    board.start();
    const Run r = loupeCli({"device", "stream", "--port", QString::fromStdString(board.port()), "--frames", "1",
                            "--timeout", "5", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json["frames"].toInt(), 1);
    QCOMPARE(r.json["rejected"].toInt(), 1);
  }
};

QTEST_GUILESS_MAIN(TestHostileBoard)
#include "test_hostile_board.moc"
