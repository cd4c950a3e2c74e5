// loupe info P [--json]: counts of items, labelers, classes, annotations by kind, splits.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/verb_registry.h"
#include "storage/project.h"

namespace {
struct State {
  std::string project;
  bool json = false;
};

loupe::app::cli::VerbRegistration reg{"info", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("info", "Show what a project holds");
  sub->add_option("project", state->project, "Project file (.loupe)")->required()->check(CLI::ExistingFile);
  sub->add_flag("--json", state->json, "Print JSON instead of text");
  return std::function<int()>([state] {
    using namespace loupe;
    const auto project = storage::Project::open(state->project);
    const auto s = project.stats();
    nlohmann::json splits = nlohmann::json::object();
    for (const auto& [split, n] : s.splits) splits[std::string(toString(split))] = n;
    nlohmann::json labelers = nlohmann::json::array();
    for (const auto& l : project.labelers())
      labelers.push_back({{"name", l.name}, {"kind", std::string(toString(l.kind))}});
    nlohmann::json classes = nlohmann::json::array();
    for (const auto& c : project.classes()) classes.push_back(c.name);
    if (state->json) {
      std::cout << nlohmann::json{{"project", state->project},
                                  {"schema_version", s.schemaVersion},
                                  {"items", s.items},
                                  {"items_with_media", s.itemsWithMedia},
                                  {"labelers", s.labelers},
                                  {"classes", s.classes},
                                  {"annotations", {{"label", s.imageLabels}, {"box", s.boxes}}},
                                  {"splits", splits},
                                  {"labeler_list", labelers},
                                  {"class_list", classes}}
                       .dump(2)
                << "\n";
      return 0;
    }
    std::cout << state->project << " (schema v" << s.schemaVersion << ")\n"
              << "items:       " << s.items << " (" << s.itemsWithMedia << " with media)\n"
              << "labelers:    " << s.labelers << "\n"
              << "classes:     " << s.classes << "\n"
              << "annotations: " << s.imageLabels << " image labels, " << s.boxes << " boxes\n"
              << "splits:     ";
    for (const auto& [split, n] : s.splits) std::cout << " " << toString(split) << "=" << n;
    std::cout << "\n";
    return 0;
  });
}};
}  // namespace
