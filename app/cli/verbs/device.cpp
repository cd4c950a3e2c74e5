// `loupe device <list|virtual|stream|deploy|infer|flash>`: the board over USB serial, or the
// virtual board under QEMU. Each subcommand lives in app/cli/device/.
#include "app/cli/device/device_common.h"
#include "app/cli/verb_registry.h"

namespace {

loupe::app::cli::VerbRegistration reg{"device", [](CLI::App& app) {
  namespace d = loupe::app::cli::device;
  auto* device = app.add_subcommand("device", "Boards over USB serial and the virtual board");
  device->require_subcommand(1);
  std::vector<std::pair<CLI::App*, std::function<int()>>> subs;
  for (auto add : {d::addList, d::addVirtual, d::addStream, d::addDeploy, d::addInfer, d::addFlash}) {
    auto run = add(*device);
    subs.emplace_back(device->get_subcommands({}).back(), std::move(run));
  }
  return std::function<int()>([subs] {
    for (const auto& [sub, run] : subs)
      if (sub->parsed()) return run();
    return 2;
  });
}};

}  // namespace
