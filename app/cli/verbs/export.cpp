// loupe export P --format F OUT [--labeler NAME]
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "core/formats/registry.h"
#include "storage/transfer/file_transfer.h"

namespace {
struct State {
  std::string project;
  std::string format;
  std::string out;
  std::string labeler;
};

loupe::app::cli::VerbRegistration reg{"export", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("export", "Export a project to COCO, YOLO, VOC or CSV");
  sub->add_option("project", state->project, "Project file (.loupe)")->required()->check(CLI::ExistingFile);
  sub->add_option("out", state->out, "Output file (coco, csv) or folder (yolo, voc)")->required();
  sub->add_option("--format", state->format, "coco|yolo|voc|csv")
      ->required()
      ->check(CLI::IsMember(loupe::writableFormats()));
  sub->add_option("--labeler", state->labeler, "Export only this labeler's annotations (default: all)");
  return std::function<int()>([state] {
    using namespace loupe;
    auto project = storage::Project::open(state->project);
    storage::ExportRequest request;
    request.format = state->format;
    request.out = state->out;
    if (!state->labeler.empty()) request.labeler = state->labeler;
    app::cli::TerminalProgress bar;
    const auto summary = storage::exportFile(project, request, bar.progress());
    std::cout << nlohmann::json{{"format", state->format},
                                {"out", state->out},
                                {"items", summary.items},
                                {"classes", summary.classes},
                                {"annotations", summary.annotations}}
                     .dump(2)
              << "\n";
    return 0;
  });
}};
}  // namespace
