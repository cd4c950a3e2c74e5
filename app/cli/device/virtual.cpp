// `loupe device virtual [--link PATH] [--flash FILE] [--json]`: starts the virtual board, prints
// its port and keeps it running until interrupted (SIGINT/SIGTERM).
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <stdexcept>

#include <QThread>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"

namespace loupe::app::cli::device {
namespace {
std::atomic<bool> g_stop{false};
extern "C" void onSignal(int) { g_stop = true; }
}  // namespace

std::function<int()> addVirtual(CLI::App& device) {
  struct State {
    bool json = false;
    std::string link, flash;
  };
  auto s = std::make_shared<State>();
  auto* sub = device.add_subcommand("virtual", "Start the virtual board (QEMU mps2-an386), print its port, run until stopped");
  sub->add_option("--link", s->link, "Also make this path a symlink to the port (stable across restarts)");
  sub->add_option("--flash", s->flash, "File holding the board's flash (deployed models), kept across runs");
  sub->add_flag("--json", s->json, "Print the port as JSON");
  return [s] {
    ensureQtApp();
    serial_link::QemuBoard board;
    if (!s->flash.empty()) board.setFlashFile(QString::fromStdString(s->flash));
    board.start(QString::fromStdString(s->link));
    if (s->json)
      std::cout << nlohmann::json{{"port", board.port().toStdString()},
                                  {"pty", board.pty().toStdString()},
                                  {"flash", board.flashFile().toStdString()},
                                  {"firmware", serial_link::QemuBoard::firmwarePath().toStdString()}}
                       .dump()
                << std::endl;
    else
      std::cout << "virtual board on " << board.port().toStdString() << " (Ctrl+C to stop)" << std::endl;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    while (!g_stop) {
      if (!board.running()) throw std::runtime_error("the virtual board stopped unexpectedly");
      QThread::msleep(100);
    }
    board.stop();
    return 0;
  };
}

}  // namespace loupe::app::cli::device
