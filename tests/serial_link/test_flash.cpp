// Flashing with stand-in arduino-cli / bossac executables that record their arguments, and a
// real pseudo-terminal pair from socat for the 1200-baud touch.
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include "serial_link/flasher.h"

using namespace loupe;

namespace {

speed_t lineSpeed(const QString& port) {
  const int fd = ::open(port.toLocal8Bit().constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return static_cast<speed_t>(-1);
  termios t{};
  ::tcgetattr(fd, &t);
  ::close(fd);
  return cfgetospeed(&t);
}

// A shell script that appends its arguments (one per line) to `record` and prints progress.
void writeStandIn(const QString& path, const QString& record) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  // It also keeps a copy of a staged sketch (its last argument), which is removed after the run.
  f.write(QString("#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '%1'; done\n"
                  "for last; do :; done\nif [ -d \"$last/src\" ]; then cp -r \"$last\" '%1.sketch'; fi\n"
                  "echo 'Erase flash'\necho '[=====         ] 35% (100/285 pages)'\n"
                  "echo '[==============] 100% (285/285 pages)'\n")
              .arg(record)
              .toUtf8());
  f.close();
  f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
}

// The message flashBoard fails with; empty if it succeeds.
QString flashError(const serial_link::FlashOptions& o) {
  try {
    serial_link::flashBoard(o);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return {};
}

QStringList recorded(const QString& record) {
  QFile f(record);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestFlash : public QObject {
  Q_OBJECT
 private:
  QByteArray savedPath_, savedHome_;

 private slots:
  void init() {
    savedPath_ = qgetenv("PATH");
    savedHome_ = qgetenv("HOME");
  }
  void cleanup() {
    qputenv("PATH", savedPath_);
    qputenv("HOME", savedHome_);
  }

  void arduinoCliCompilesAndUploadsTheSketch() {
    QTemporaryDir dir;
    const QString record = dir.filePath("args.txt");
    writeStandIn(dir.filePath("bin/arduino-cli"), record);
    QDir().mkpath(dir.filePath("sketch/loupe_board"));
    qputenv("PATH", dir.filePath("bin").toUtf8() + ":/usr/bin:/bin");
    serial_link::FlashOptions o;
    o.port = "/dev/ttyACM7";
    o.sketchDir = dir.filePath("sketch/loupe_board");
    std::vector<int> seen;
    Progress progress;
    progress.report = [&](std::int64_t done, std::int64_t, const std::string& stage) {
      if (stage == "upload") seen.push_back(static_cast<int>(done));
    };
    o.model = {1, 2, 3};
    o.modelId = "tiny";
    const serial_link::FlashResult r = serial_link::flashBoard(o, progress);
    QCOMPARE(r.tool, QString("arduino-cli"));
    const QStringList args = recorded(record);
    QCOMPARE(args.size(), 9);
    QCOMPARE(args.mid(0, 7), (QStringList{"compile", "--upload", "-p", "/dev/ttyACM7", "--fqbn",
                                          "arduino:mbed_nano:nano33ble", "--build-property"}));
    // The staged copy: named like the sketch, with the shared sources and the model header.
    const QString staged = args[8];
    QVERIFY(staged.endsWith("/loupe_board"));
    QCOMPARE(args[7], "compiler.cpp.extra_flags=-I" + staged + "/src");
    QVERIFY(!QFileInfo::exists(staged));  // cleaned up after the run
    const QString copy = record + ".sketch";
    QVERIFY(QFileInfo::exists(copy + "/loupe_board.ino") || QFileInfo::exists(copy + "/src"));
    QVERIFY(QFileInfo::exists(copy + "/src/firmware/board/board_core.cpp"));
    QVERIFY(QFileInfo::exists(copy + "/src/firmware/protocol/frame.h"));
    QFile header(copy + "/src/model_data.h");
    QVERIFY(header.open(QIODevice::ReadOnly));
    const QByteArray h = header.readAll();
    QVERIFY(h.contains("kModelDataSize = 3;"));
    QVERIFY(h.contains("1,2,3,"));
    QVERIFY(h.contains("kModelDataId = \"tiny\""));
    QCOMPARE(seen, (std::vector<int>{35, 100}));
  }

  void customFqbnIsPassedThrough() {
    QTemporaryDir dir;
    const QString record = dir.filePath("args.txt");
    writeStandIn(dir.filePath("bin/arduino-cli"), record);
    qputenv("PATH", dir.filePath("bin").toUtf8() + ":/usr/bin:/bin");
    serial_link::FlashOptions o;
    o.port = "/dev/ttyACM0";
    o.fqbn = "arduino:mbed_nano:nanorp2040connect";
    o.sketchDir = dir.filePath("loupe_board");
    QDir().mkpath(o.sketchDir);
    serial_link::flashBoard(o);
    QCOMPARE(recorded(record).at(5), QString("arduino:mbed_nano:nanorp2040connect"));
  }

  void bossacTouchesAt1200BaudThenUploads() {
    QTemporaryDir dir;
    const QString record = dir.filePath("args.txt");
    // Two installed versions: the newest is used.
    writeStandIn(dir.filePath("home/.arduino15/packages/arduino/tools/bossac/1.9.1-arduino2/bossac"), record);
    writeStandIn(dir.filePath("home/.arduino15/packages/arduino/tools/bossac/1.7.0-arduino3/bossac"),
                 dir.filePath("old.txt"));
    qputenv("HOME", dir.filePath("home").toUtf8());
    qputenv("PATH", "/usr/bin:/bin");  // no arduino-cli
    QVERIFY(serial_link::findArduinoCli().isEmpty());
    QVERIFY(serial_link::findBossac().endsWith("1.9.1-arduino2/bossac"));

    // A pty pair stands in for the board's CDC port.
    const QString board = dir.filePath("ttyBOARD"), other = dir.filePath("ttyOTHER");
    QProcess socat;
    socat.start("socat", {"PTY,link=" + board + ",rawer", "PTY,link=" + other + ",rawer"});
    QVERIFY(socat.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(board) && QFileInfo::exists(other), 5000);

    QVERIFY(lineSpeed(board) != static_cast<speed_t>(B1200));
    QFile bin(dir.filePath("loupe_board.ino.bin"));
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write("firmware");
    bin.close();
    serial_link::FlashOptions o;
    o.port = board;
    o.binary = bin.fileName();
    o.bootloaderWaitMs = 300;  // no USB bootloader appears here: fall back to the same port
    const serial_link::FlashResult r = serial_link::flashBoard(o);
    QCOMPARE(r.tool, QString("bossac"));
    QCOMPARE(r.uploadPort, board);
    QCOMPARE(recorded(record), (QStringList{"-d", "--port=ttyBOARD", "-U", "-i", "-e", "-w", bin.fileName(), "-R"}));
    QVERIFY(recorded(dir.filePath("old.txt")).isEmpty());

    // The touch left the line at 1200 baud.
    QCOMPARE(lineSpeed(board), static_cast<speed_t>(B1200));
    socat.terminate();
    socat.waitForFinished();
  }

  void bossacNeedsACompiledSketch() {
    QTemporaryDir dir;
    writeStandIn(dir.filePath("home/.arduino15/packages/arduino/tools/bossac/1.9.1-arduino2/bossac"),
                 dir.filePath("args.txt"));
    qputenv("HOME", dir.filePath("home").toUtf8());
    qputenv("PATH", "/usr/bin:/bin");
    serial_link::FlashOptions o;
    o.port = "/dev/ttyACM0";
    QVERIFY(flashError(o).contains("--bin"));
  }

  void missingToolsNameWhatToInstall() {
    QTemporaryDir dir;
    qputenv("HOME", dir.path().toUtf8());
    qputenv("PATH", "/usr/bin:/bin");
    serial_link::FlashOptions o;
    o.port = "/dev/ttyACM0";
    const QString what = flashError(o);
    QVERIFY2(what.contains("arduino-cli") && what.contains("bossac") && what.contains("arduino:mbed_nano"),
             qPrintable(what));
  }

  void failingToolReportsItsLastLine() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("bin"));
    QFile f(dir.filePath("bin/arduino-cli"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\necho 'Compiling...'\necho 'No device found on ttyACM0' >&2\nexit 3\n");
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    qputenv("PATH", dir.filePath("bin").toUtf8() + ":/usr/bin:/bin");
    serial_link::FlashOptions o;
    o.port = "/dev/ttyACM0";
    o.sketchDir = dir.path();
    QCOMPARE(flashError(o), QString("arduino-cli failed (exit code 3): No device found on ttyACM0"));
  }
};

QTEST_GUILESS_MAIN(TestFlash)
#include "test_flash.moc"
