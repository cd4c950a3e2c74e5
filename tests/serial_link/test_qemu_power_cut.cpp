// Power cuts during model uploads to the virtual board: QEMU is killed (SIGKILL, as a cable
// pulled) at a random moment of each of 20 uploads and started again on the same flash file.
// After every restart the board runs a valid model: the new one whenever the host got the
// commit's Ack, the previous one whenever the commit had not even been sent. In between (the
// commit sent, its Ack lost with the power) either is right: the host cannot know which.
#include <QtTest>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <atomic>
#include <chrono>
#include <csignal>
#include <random>
#include <thread>

#include "firmware/protocol/crc32.h"
#include "serial_link/board_session.h"
#include "serial_link/qemu_board.h"
#include "tests/serial_link/tiny_model.h"

using namespace loupe;
using Bytes = std::vector<std::uint8_t>;

namespace {

std::uint32_t hashOf(const Bytes& blob) { return protocol::crc32(blob.data(), blob.size() - 4); }

serial_link::BoardSession::Options noReconnect() {
  serial_link::BoardSession::Options o;
  o.autoReconnect = false;
  o.replyTimeoutMs = 2000;
  return o;
}

// What the board runs right after a (re)start.
std::uint32_t runningModel(serial_link::QemuBoard& board) {
  serial_link::BoardSession s(noReconnect());
  s.connectTo(board.port());
  return s.device().modelCrc;
}

}  // namespace

class TestPowerCut : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY2(serial_link::QemuBoard::available(), "qemu-system-arm and virtual_board.elf are required");
  }

  void theModelSurvivesAPowerCycle() {
    QTemporaryDir dir;
    serial_link::QemuBoard board;
    board.setFlashFile(dir.filePath("flash.bin"));
    board.start(dir.filePath("port"));
    QCOMPARE(runningModel(board), 0u);  // erased flash: no model
    const Bytes model = test::tinyModel(40);
    {
      serial_link::BoardSession s(noReconnect());
      s.connectTo(board.port());
      QVERIFY(s.deploy(model, "kept").committed);
    }
    board.stop();
    board.start(dir.filePath("port"));
    serial_link::BoardSession s(noReconnect());
    s.connectTo(board.port());
    QCOMPARE(s.device().modelCrc, hashOf(model));
    QCOMPARE(s.device().modelId, std::string("kept"));
    QCOMPARE(s.device().modelCapacity, 128u * 1024u);
  }

  void twentyUploadsCutAtRandomMoments() {
    QTemporaryDir dir;
    serial_link::QemuBoard board;
    board.setFlashFile(dir.filePath("flash.bin"));
    board.start(dir.filePath("port"));
    Bytes current = test::tinyModel(50);
    qint64 uploadMs = 0;
    {
      serial_link::BoardSession s(noReconnect());
      s.connectTo(board.port());
      QElapsedTimer t;
      t.start();
      QVERIFY(s.deploy(current, "first").committed);
      uploadMs = std::max<qint64>(t.elapsed(), 20);
    }
    std::mt19937 rng(2026);
    int acked = 0, notSent = 0, inDoubt = 0;
    for (int i = 0; i < 20; ++i) {
      const Bytes next = test::tinyModel(60 + static_cast<unsigned>(i), static_cast<std::uint16_t>(3 + i % 4));
      std::atomic<bool> commitSent{false}, commitAcked{false};
      {
        serial_link::BoardSession s(noReconnect());
        s.connectTo(board.port());
        QCOMPARE(s.device().modelCrc, hashOf(current));
        const auto delay = std::chrono::milliseconds(rng() % static_cast<unsigned>(uploadMs + uploadMs / 4 + 1));
        const auto pid = static_cast<pid_t>(board.processId());
        std::thread cut([pid, delay] {
          std::this_thread::sleep_for(delay);
          ::kill(pid, SIGKILL);
        });
        try {
          s.deploy(next, "next", Progress{[&](std::int64_t, std::int64_t, const std::string& stage) {
            if (stage == "verify") commitSent = true;  // reported just before the commit goes out
            if (stage == "committed") commitAcked = true;
          }});
        } catch (const std::exception&) {
          // The line went down mid-upload: that is the point.
        }
        cut.join();
      }
      board.stop();
      board.start(dir.filePath("port"));
      const std::uint32_t running = runningModel(board);
      QVERIFY2(running == hashOf(next) || running == hashOf(current),
               qPrintable(QString("upload %1: the board runs neither model (0x%2)").arg(i).arg(running, 8, 16)));
      if (commitAcked) {
        QVERIFY2(running == hashOf(next), qPrintable(QString("upload %1: acknowledged but not kept").arg(i)));
        ++acked;
      } else if (!commitSent) {
        QVERIFY2(running == hashOf(current), qPrintable(QString("upload %1: switched without a commit").arg(i)));
        ++notSent;
      } else {
        ++inDoubt;
      }
      if (running == hashOf(next)) current = next;
    }
    qInfo("20 uploads cut at random: %d acknowledged (new model kept), %d cut before the commit (old model kept), "
          "%d cut between commit and Ack",
          acked, notSent, inDoubt);
    QVERIFY(notSent > 0);  // the cuts did hit uploads
  }
};

QTEST_GUILESS_MAIN(TestPowerCut)
#include "test_qemu_power_cut.moc"
