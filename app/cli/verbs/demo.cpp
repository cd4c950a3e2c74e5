// loupe demo P [--kind boxes|classification] [--scenes N] [--idx FOLDER]: build a demo project from Debian's
// Fashion-MNIST package — by default the box demo (scenes of articles with boxes), or the
// image-label one.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "storage/demo/box_demo_project.h"
#include "storage/demo/demo_project.h"

namespace {
struct State {
  std::string project;
  std::string idx;
  std::string kind = "boxes";
  std::size_t scenes = loupe::storage::BoxDemoOptions{}.scenes;
};

loupe::app::cli::VerbRegistration reg{"demo", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("demo", "Build a demo project from the Fashion-MNIST package");
  sub->add_option("project", state->project, "Project file to create (.loupe)")->required();
  sub->add_option("--kind", state->kind, "boxes (scenes of articles with boxes, the default) or classification")
      ->check(CLI::IsMember({"boxes", "classification"}));
  auto* scenes = sub->add_option("--scenes", state->scenes, "Box demo: number of scenes")->check(CLI::Range(1, 100000));
  sub->add_option("--idx", state->idx, "Folder with the Fashion-MNIST IDX files (default: the Debian package's)");
  return std::function<int()>([state, scenes] {
    if (state->kind != "boxes" && scenes->count() > 0) {
      std::cerr << "loupe: --scenes applies to --kind boxes only\n";
      return 2;
    }
    loupe::app::cli::TerminalProgress bar;
    nlohmann::json out{{"project", state->project}, {"kind", state->kind}};
    if (state->kind == "boxes") {
      loupe::storage::BoxDemoOptions options;
      if (!state->idx.empty()) options.idxFolder = state->idx;
      options.scenes = state->scenes;
      const auto report = loupe::storage::buildBoxDemoProject(state->project, options, bar.progress());
      out["items"] = report.items;
      out["reference_boxes"] = report.referenceBoxes;
      out["human_boxes"] = report.humanBoxes;
    } else {
      loupe::storage::DemoOptions options;
      if (!state->idx.empty()) options.idxFolder = state->idx;
      const auto report = loupe::storage::buildDemoProject(state->project, options, bar.progress());
      out["items"] = report.items;
      out["reference_labels"] = report.referenceLabels;
      out["human_labels"] = report.humanLabels;
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  });
}};
}  // namespace
