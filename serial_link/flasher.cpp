#include "serial_link/flasher.h"

#include <QCollator>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSerialPort>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "serial_link/discovery.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace loupe::link {
namespace {

std::string str(const QString& s) { return s.toStdString(); }

// Runs the tool, reporting every "NN%" it prints as progress.
FlashResult run(const QString& tool, const QString& program, const QStringList& args, const Progress& progress) {
  FlashResult r;
  r.tool = tool;
  r.program = program;
  r.arguments = args;
  QProcess p;
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  if (!p.waitForStarted(10000)) throw std::runtime_error("could not start " + str(program));
  static const QRegularExpression percent(QStringLiteral("(\\d{1,3})\\s*%"));
  QByteArray pending;
  while (p.state() != QProcess::NotRunning) {
    p.waitForReadyRead(100);
    pending += p.readAll();
    int nl;
    while ((nl = std::max(pending.indexOf('\n'), pending.indexOf('\r'))) >= 0) {
      const QString line = QString::fromUtf8(pending.left(nl));
      pending.remove(0, nl + 1);
      r.output += line + '\n';
      auto it = percent.globalMatch(line);
      int last = -1;
      while (it.hasNext()) last = it.next().captured(1).toInt();
      if (last >= 0 && last <= 100) progress(last, 100, "upload");
    }
  }
  r.output += QString::fromUtf8(pending + p.readAll());
  r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  if (r.exitCode != 0) {
    const QStringList lines = r.output.trimmed().split('\n', Qt::SkipEmptyParts);
    throw std::runtime_error(str(tool) + " failed (exit code " + std::to_string(r.exitCode) +
                             "): " + (lines.isEmpty() ? std::string("no output") : str(lines.last())));
  }
  return r;
}

// After the touch the board re-enumerates with the bootloader PID, usually under a new name.
QString waitForBootloader(const QString& original, int waitMs) {
  QDeadlineTimer deadline(waitMs);
  while (!deadline.hasExpired()) {
    const auto boot = discoverUsbBoards(BoardMode::Bootloader);
    if (!boot.isEmpty()) return boot.front().port;
    QThread::msleep(100);
  }
  // Some hosts keep the device node across the reset: fall back to the port we touched.
  if (QFileInfo::exists(original)) return original;
  throw std::runtime_error("the board did not come back in its bootloader within " + std::to_string(waitMs) +
                           " ms: double-tap its reset button and try again");
}

}  // namespace

QString sketchDirectory() {
  const QString env = qEnvironmentVariable("LOUPE_SKETCH_DIR");
  if (!env.isEmpty()) return env;
#ifdef LOUPE_SKETCH_DIR
  return QStringLiteral(LOUPE_SKETCH_DIR);
#else
  return {};
#endif
}

QString findArduinoCli() { return QStandardPaths::findExecutable(QStringLiteral("arduino-cli")); }

QString findBossac() {
  const QDir tools(QDir::homePath() + QStringLiteral("/.arduino15/packages/arduino/tools/bossac"));
  QStringList versions = tools.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  QCollator numeric;
  numeric.setNumericMode(true);
  std::sort(versions.begin(), versions.end(), [&](const QString& a, const QString& b) { return numeric.compare(a, b) > 0; });
  for (const QString& v : versions) {
    const QFileInfo bin(tools.filePath(v + QStringLiteral("/bossac")));
    if (bin.isFile() && bin.isExecutable()) return bin.absoluteFilePath();
  }
  return {};
}

void touch1200(const QString& port) {
#ifdef Q_OS_UNIX
  // POSIX rather than QSerialPort: Qt puts the previous termios back on close, and the board (or a
  // test watching the line) must see the line left at 1200 baud as it closes and DTR drops.
  const int fd = ::open(QFile::encodeName(port).constData(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) throw std::runtime_error("cannot open " + str(port) + ": " + std::strerror(errno));
  termios t{};
  const bool ok = ::tcgetattr(fd, &t) == 0 && ::cfsetspeed(&t, B1200) == 0 && ::tcsetattr(fd, TCSANOW, &t) == 0;
  const int saved = errno;
  int dtr = TIOCM_DTR;
  ::ioctl(fd, TIOCMBIC, &dtr);  // fails harmlessly on a pseudo-terminal
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot set 1200 baud on " + str(port) + ": " + std::strerror(saved));
#else
  QSerialPort p;
  p.setPortName(port);
  if (!p.open(QIODevice::ReadWrite)) throw std::runtime_error("cannot open " + str(port) + ": " + str(p.errorString()));
  p.setBaudRate(1200);
  p.setDataTerminalReady(false);
  p.close();
#endif
}

FlashResult flashBoard(const FlashOptions& o, const Progress& progress) {
  if (o.port.isEmpty()) throw std::runtime_error("no port given: pass --port (see `loupe device list`)");
  const QString cli = findArduinoCli();
  if (!cli.isEmpty()) {
    const QString sketch = o.sketchDir.isEmpty() ? sketchDirectory() : o.sketchDir;
    if (sketch.isEmpty() || !QFileInfo(sketch).isDir())
      throw std::runtime_error("sketch folder not found (" + str(sketch) + "): set LOUPE_SKETCH_DIR or pass --sketch");
    progress(0, 100, "compile");
    FlashResult r = run(QStringLiteral("arduino-cli"), cli,
                        {"compile", "--upload", "-p", o.port, "--fqbn", o.fqbn, sketch}, progress);
    r.uploadPort = o.port;
    return r;
  }
  const QString bossac = findBossac();
  if (bossac.isEmpty())
    throw std::runtime_error(
        "neither arduino-cli nor Arduino's bossac was found: install arduino-cli "
        "(https://arduino.github.io/arduino-cli/) and run `arduino-cli core install arduino:mbed_nano`, "
        "which also installs bossac under ~/.arduino15");
  if (o.binary.isEmpty() || !QFileInfo(o.binary).isFile())
    throw std::runtime_error("bossac uploads a compiled sketch: pass --bin with the sketch's .bin (" + str(o.binary) +
                             " not found), or install arduino-cli to compile it");
  progress(0, 100, "reset to bootloader");
  touch1200(o.port);
  const QString boot = waitForBootloader(o.port, o.bootloaderWaitMs);
  FlashResult r = run(QStringLiteral("bossac"), bossac,
                      {"-d", "--port=" + QFileInfo(boot).fileName(), "-U", "-i", "-e", "-w", o.binary, "-R"}, progress);
  r.uploadPort = boot;
  return r;
}

}  // namespace loupe::link
