// loupe demo P: build the demo project from Debian's Fashion-MNIST package.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "storage/demo/demo_project.h"

namespace {
struct State {
  std::string project;
  std::string idx;
};

loupe::app::cli::VerbRegistration reg{"demo", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("demo", "Build the demo project from the Fashion-MNIST package");
  sub->add_option("project", state->project, "Project file to create (.loupe)")->required();
  sub->add_option("--idx", state->idx, "Folder with the Fashion-MNIST IDX files (default: the Debian package's)");
  return std::function<int()>([state] {
    loupe::storage::DemoOptions options;
    if (!state->idx.empty()) options.idxFolder = state->idx;
    loupe::app::cli::TerminalProgress bar;
    const auto report = loupe::storage::buildDemoProject(state->project, options, bar.progress());
    std::cout << nlohmann::json{{"project", state->project},
                                {"items", report.items},
                                {"reference_labels", report.referenceLabels},
                                {"human_labels", report.humanLabels}}
                     .dump(2)
              << "\n";
    return 0;
  });
}};
}  // namespace
