// `loupe device flash --port PORT [--fqbn F] [--sketch DIR] [--bin FILE] [--json]`
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"
#include "serial_link/flasher.h"

namespace loupe::app::cli::device {

std::function<int()> addFlash(CLI::App& device) {
  struct State {
    std::string port, fqbn = "arduino:mbed_nano:nano33ble", sketch, bin, project, model;
    int bootloaderWaitMs = 10000;
    bool json = false;
  };
  auto s = std::make_shared<State>();
  auto* sub = device.add_subcommand("flash", "Put the Loupe sketch on the board (arduino-cli, else Arduino's bossac)");
  sub->add_option("--port", s->port, "Serial port of the board")->required();
  sub->add_option("--fqbn", s->fqbn, "Board for arduino-cli")->capture_default_str();
  sub->add_option("--sketch", s->sketch, "Sketch folder for arduino-cli (default: the bundled sketch)");
  sub->add_option("--project", s->project, "Project holding the model the sketch starts with");
  sub->add_option("--model", s->model, "Model compiled into the sketch (arduino-cli only)")->needs("--project");
  sub->add_option("--bin", s->bin, "Compiled sketch for bossac (when arduino-cli is not installed)");
  sub->add_option("--bootloader-wait-ms", s->bootloaderWaitMs, "How long to wait for the bootloader port");
  sub->add_flag("--json", s->json, "JSON output");
  return [s] {
    ensureQtApp();
    serial_link::FlashOptions o;
    o.port = QString::fromStdString(s->port);
    o.fqbn = QString::fromStdString(s->fqbn);
    o.sketchDir = QString::fromStdString(s->sketch);
    o.binary = QString::fromStdString(s->bin);
    o.bootloaderWaitMs = s->bootloaderWaitMs;
    if (!s->model.empty()) {
      o.model = loadModelBlob(s->project, s->model);
      o.modelId = QString::fromStdString(s->model);
    }
    Progress progress;
    if (!s->json)
      progress.report = [](std::int64_t done, std::int64_t, const std::string& stage) {
        std::cerr << "\r" << stage << " " << done << "%" << std::flush;
      };
    const serial_link::FlashResult r = serial_link::flashBoard(o, progress);
    if (s->json) {
      nlohmann::json args = nlohmann::json::array();
      for (const auto& a : r.arguments) args.push_back(a.toStdString());
      std::cout << nlohmann::json{{"tool", r.tool.toStdString()},
                                  {"program", r.program.toStdString()},
                                  {"arguments", args},
                                  {"port", r.uploadPort.toStdString()},
                                  {"exit_code", r.exitCode}}
                       .dump(2)
                << "\n";
    } else {
      std::cerr << "\n";
      std::cout << "flashed with " << r.tool.toStdString() << " on " << r.uploadPort.toStdString() << "\n";
    }
    return 0;
  };
}

}  // namespace loupe::app::cli::device
