#include "app/cli/device/device_common.h"

#include <cstdio>
#include <stdexcept>

#include "storage/deploy/deployable_model.h"

namespace loupe::app::cli::device {

void ensureQtApp() {
  if (QCoreApplication::instance()) return;
  static int argc = 1;
  static char name[] = "loupe";
  static char* argv[] = {name, nullptr};
  static QCoreApplication app(argc, argv);
}

Connection connect(const std::string& port) {
  ensureQtApp();
  Connection c;
  QString name = QString::fromStdString(port);
  if (port == "virtual") {
    c.virtualBoard = std::make_unique<serial_link::QemuBoard>();
    c.virtualBoard->start();
    name = c.virtualBoard->port();
  }
  c.session = std::make_unique<serial_link::BoardSession>();
  c.session->connectTo(name);
  return c;
}

std::vector<std::uint8_t> loadModelBlob(const std::string& path, const std::string& name) {
  return storage::deployableModel(path, name).int8Blob;
}

void addStreamArgs(CLI::App& sub, StreamArgs& args) {
  sub.add_option("--port", args.port, "Serial port, or 'virtual'")->required();
  sub.add_option("--frames", args.frames, "Frames to receive")->check(CLI::Range(1u, 1000000u))->capture_default_str();
  sub.add_option("--timeout", args.timeout, "Give up after this many seconds")->capture_default_str();
  sub.add_flag("--json", args.json, "JSON output");
}

void streamFrames(serial_link::BoardSession& session, const StreamArgs& args, const std::function<std::uint64_t()>& count,
                  const std::string& what) {
  session.resetStats();
  session.startStream(args.frames);
  if (!session.waitUntil([&] { return count() >= args.frames; }, static_cast<int>(args.timeout * 1000)))
    throw std::runtime_error(what + " " + std::to_string(count()) + " of " + std::to_string(args.frames) +
                             " frames within " + std::to_string(args.timeout) + " s");
}

std::string hex32(std::uint32_t v) {
  char buf[11];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

}  // namespace loupe::app::cli::device
