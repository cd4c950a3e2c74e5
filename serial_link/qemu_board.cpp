#include "serial_link/qemu_board.h"

#include "serial_link/configured_path.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <csignal>
#include <stdexcept>
#include <sys/prctl.h>

namespace loupe::serial_link {

QemuBoard::~QemuBoard() { stop(); }

QString QemuBoard::firmwarePath() { return configuredPath("LOUPE_VIRTUAL_BOARD_ELF", LOUPE_VIRTUAL_BOARD_ELF); }

QString QemuBoard::qemuPath() { return QStandardPaths::findExecutable(QStringLiteral("qemu-system-arm")); }

bool QemuBoard::available() {
  const QString elf = firmwarePath();
  return !qemuPath().isEmpty() && !elf.isEmpty() && QFileInfo::exists(elf);
}

void QemuBoard::start(const QString& link, int timeoutMs) {
  stop();
  const QString qemu = qemuPath();
  if (qemu.isEmpty()) throw std::runtime_error("qemu-system-arm not found on PATH: install the qemu-system-arm package");
  const QString elf = firmwarePath();
  if (elf.isEmpty() || !QFileInfo::exists(elf))
    throw std::runtime_error("virtual board firmware not found (" + elf.toStdString() +
                             "): build the loupe_virtual_board target or set LOUPE_VIRTUAL_BOARD_ELF");
  qemu_ = std::make_unique<QProcess>();
  qemu_->setProcessChannelMode(QProcess::MergedChannels);
  // QEMU must not outlive us, even when we are killed: the kernel sends it SIGTERM then.
  qemu_->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
  // Semihosting options are comma-separated: a comma in the path is written twice.
  QString flash = flashFile();
  flash.replace(QLatin1Char(','), QLatin1String(",,"));
  QStringList args{"-M", "mps2-an386", "-nographic", "-monitor", "none", "-serial", "pty", "-semihosting-config",
                   "enable=on,target=native,arg=virtual_board,arg=" + flash, "-kernel", elf};
  // LOUPE_QEMU_ICOUNT=0: one instruction per nanosecond of board time, so an on-board latency in
  // microseconds is thousands of instructions (the detection benchmark's "cycles per frame").
  if (qEnvironmentVariableIsSet("LOUPE_QEMU_ICOUNT"))
    args << "-icount" << "shift=" + qEnvironmentVariable("LOUPE_QEMU_ICOUNT");
  qemu_->start(qemu, args);
  if (!qemu_->waitForStarted(timeoutMs)) throw std::runtime_error("could not start " + qemu.toStdString());

  static const QRegularExpression announce(QStringLiteral("char device redirected to (\\S+)"));
  QByteArray out;
  QDeadlineTimer deadline(timeoutMs);
  while (pty_.isEmpty()) {
    if (qemu_->state() != QProcess::Running || deadline.hasExpired()) {
      out += qemu_->readAll();
      throw std::runtime_error("qemu did not open a pseudo-terminal: " + out.trimmed().toStdString());
    }
    qemu_->waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
    out += qemu_->readAll();
    const auto m = announce.match(QString::fromUtf8(out));
    if (m.hasMatch()) pty_ = m.captured(1);
  }
  if (!link.isEmpty()) {
    QFile::remove(link);
    if (!QFile::link(pty_, link)) throw std::runtime_error("could not create link " + link.toStdString());
    link_ = link;
  }
}

void QemuBoard::stop() {
  if (qemu_) {
    if (qemu_->state() != QProcess::NotRunning) {
      qemu_->kill();
      qemu_->waitForFinished(5000);
    }
    qemu_.reset();
  }
  pty_.clear();
}

bool QemuBoard::running() const { return qemu_ && qemu_->state() == QProcess::Running; }

qint64 QemuBoard::processId() const { return running() ? qemu_->processId() : 0; }

QString QemuBoard::flashFile() const {
  return flashFile_.isEmpty() ? ownFlash_.filePath(QStringLiteral("flash.bin")) : flashFile_;
}

}  // namespace loupe::serial_link
