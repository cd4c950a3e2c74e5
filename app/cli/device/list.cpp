// `loupe device list [--json]`
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"
#include "serial_link/discovery.h"

namespace loupe::app::cli::device {

std::function<int()> addList(CLI::App& device) {
  auto json = std::make_shared<bool>(false);
  auto* sub = device.add_subcommand("list", "Boards on USB (Nano 33 BLE by USB id) and the virtual board");
  sub->add_flag("--json", *json, "JSON output");
  return [json] {
    ensureQtApp();
    const auto boards = serial_link::discoverBoards();
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& b : boards)
        out.push_back({{"port", b.port.toStdString()},
                       {"kind", serial_link::kindName(b.kind).toStdString()},
                       {"description", b.description.toStdString()},
                       {"serial_number", b.serialNumber.toStdString()},
                       {"vid", b.vid},
                       {"pid", b.pid}});
      std::cout << nlohmann::json{{"boards", out}}.dump(2) << "\n";
    } else {
      if (boards.isEmpty()) std::cout << "no boards found\n";
      for (const auto& b : boards)
        std::cout << b.port.toStdString() << "\t" << serial_link::kindName(b.kind).toStdString() << "\t"
                  << b.description.toStdString() << "\n";
    }
    return 0;
  };
}

}  // namespace loupe::app::cli::device
