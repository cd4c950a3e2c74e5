#pragma once
// Starts the virtual board: qemu-system-arm -M mps2-an386 with virtual_board.elf, its UART on a
// pseudo-terminal. QEMU announces the terminal on stdout ("char device redirected to
// /dev/pts/N"); optionally a stable symlink points at it so a restarted board keeps its name.
// The board's model flash is a host file (Arm semihosting): a model deployed to it is still there
// after stop() and start(), as on a real board after a power cycle.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace loupe::serial_link {

class QemuBoard {
 public:
  QemuBoard() = default;
  ~QemuBoard();
  QemuBoard(const QemuBoard&) = delete;
  QemuBoard& operator=(const QemuBoard&) = delete;

  // The firmware: $LOUPE_VIRTUAL_BOARD_ELF, else the one built with this program.
  static QString firmwarePath();
  static QString qemuPath();
  static bool available();

  // Starts QEMU and waits (up to timeoutMs) for its pseudo-terminal. `link`, when not empty, is
  // (re)pointed at the terminal. Throws std::runtime_error naming what is missing or failed.
  void start(const QString& link = {}, int timeoutMs = 10000);
  // Kills QEMU (the line drops like an unplugged cable) and waits for it to exit.
  void stop();
  bool running() const;
  // QEMU's process id while it runs, else 0 (a test can kill it as a power cut would).
  qint64 processId() const;
  // The file that holds the board's flash from the next start(); created erased when missing.
  // By default a file of this QemuBoard's own, removed with it.
  void setFlashFile(const QString& path) { flashFile_ = path; }
  QString flashFile() const;
  // The pseudo-terminal, or the link when one was given.
  QString port() const { return link_.isEmpty() ? pty_ : link_; }
  QString pty() const { return pty_; }

 private:
  std::unique_ptr<QProcess> qemu_;
  QString pty_;
  QString link_;
  QString flashFile_;
  QTemporaryDir ownFlash_;
};

}  // namespace loupe::serial_link
