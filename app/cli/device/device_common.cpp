#include "app/cli/device/device_common.h"

#include <cstdio>
#include <stdexcept>

#include "storage/project.h"

namespace loupe::cli::device {

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
    c.virtualBoard = std::make_unique<link::VirtualBoard>();
    c.virtualBoard->start();
    name = c.virtualBoard->port();
  }
  c.session = std::make_unique<link::BoardSession>();
  c.session->connectTo(name);
  return c;
}

std::vector<std::uint8_t> loadModelBlob(const std::string& path, const std::string& name) {
  auto project = storage::Project::open(path);
  std::string known;
  for (const auto& m : project.models()) {  // newest first
    if (m.name == name) {
      auto full = project.loadModel(m.id);
      if (!full || full->int8Blob.empty())
        throw std::runtime_error("model '" + name + "' in " + path + " has no int8 blob: quantize it first");
      return full->int8Blob;
    }
    known += (known.empty() ? "" : ", ") + m.name;
  }
  throw std::runtime_error("no model named '" + name + "' in " + path +
                           (known.empty() ? std::string(" (it has no models)") : " (models: " + known + ")"));
}

std::string hex32(std::uint32_t v) {
  char buf[11];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

}  // namespace loupe::cli::device
