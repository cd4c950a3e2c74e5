// `loupe device deploy --port PORT P --model NAME [--json]`
#include <QElapsedTimer>

#include <iostream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/cli/device/device_common.h"

namespace loupe::app::cli::device {

std::function<int()> addDeploy(CLI::App& device) {
  struct State {
    std::string port, project, model;
    bool json = false;
  };
  auto s = std::make_shared<State>();
  auto* sub = device.add_subcommand("deploy", "Send a project's int8 model to the board (verified, rolled back on failure)");
  sub->add_option("--port", s->port, "Serial port, or 'virtual'")->required();
  sub->add_option("project", s->project, "Project file")->required();
  sub->add_option("--model", s->model, "Model name in the project")->required();
  sub->add_flag("--json", s->json, "JSON output");
  return [s] {
    const auto blob = loadModelBlob(s->project, s->model);
    Connection c = connect(s->port);
    QElapsedTimer timer;
    timer.start();
    Progress progress;
    if (!s->json)
      progress.report = [](std::int64_t done, std::int64_t total, const std::string& stage) {
        std::cerr << "\r" << stage << " " << (total ? done * 100 / total : 0) << "%" << std::flush;
      };
    const serial_link::DeployResult r = c.session->deploy(blob, s->model, progress);
    if (!s->json) std::cerr << "\n";
    if (!r.committed) throw std::runtime_error("deploy failed: " + r.message);
    nlohmann::json out{{"model", s->model},
                       {"bytes", r.bytes},
                       {"chunks", r.chunks},
                       {"crc", hex32(r.crc)},
                       {"model_hash", hex32(r.modelHash)},
                       {"active_hash", hex32(r.activeHash)},
                       {"committed", r.committed},
                       {"seconds", static_cast<double>(timer.elapsed()) / 1000.0}};
    if (s->json)
      std::cout << out.dump(2) << "\n";
    else
      std::cout << "deployed " << s->model << " (" << r.bytes << " bytes, hash " << hex32(r.modelHash) << ")\n";
    return 0;
  };
}

}  // namespace loupe::app::cli::device
