// loupe new P: create an empty project file.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/verb_registry.h"
#include "storage/project.h"

namespace {
struct State {
  std::string project;
};

loupe::app::cli::VerbRegistration reg{"new", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("new", "Create an empty project file");
  sub->add_option("project", state->project, "Project file to create (.loupe)")->required();
  return std::function<int()>([state] {
    auto project = loupe::storage::Project::create(state->project);
    std::cout << nlohmann::json{{"project", state->project},
                                {"schema_version", project.schemaVersion()}}
                     .dump(2)
              << "\n";
    return 0;
  });
}};
}  // namespace
