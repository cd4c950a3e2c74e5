// loupe import P --format F PATH [--labeler NAME] [--kind human|model|reference] [--follow-symlinks]
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
  std::string path;
  std::string labeler;
  std::string kind;
  std::string cocoImages, images;
  double valFraction = 0.1;
  bool followSymlinks = false;
};

loupe::app::cli::VerbRegistration reg{"import", [](CLI::App& app) {
  auto state = std::make_shared<State>();
  auto* sub = app.add_subcommand("import", "Import a dataset (folder, COCO, YOLO, VOC, CSV, IDX, Label Studio, CVAT) into a project");
  sub->add_option("project", state->project, "Project file (.loupe)")->required()->check(CLI::ExistingFile);
  sub->add_option("path", state->path, "File or folder to import")->required();
  sub->add_option("--format", state->format, "folder|coco|yolo|voc|csv|idx|label-studio|cvat")
      ->required()
      ->check(CLI::IsMember(loupe::readableFormats()));
  sub->add_option("--labeler", state->labeler,
                  "Labeler of the imported annotations (default: 'reference' for idx, else 'import')");
  sub->add_option("--kind", state->kind, "Kind of a labeler the import creates (default: reference for idx, else human)")
      ->check(CLI::IsMember({"human", "model", "reference"}));
  sub->add_option("--coco-images", state->cocoImages,
                  "For a COCO results file (detections only): the COCO file defining its images and categories");
  sub->add_option("--images", state->images,
                  "label-studio, cvat: folder holding the images the file names (default: beside the file)")
      ->check(CLI::ExistingDirectory);
  sub->add_option("--val-fraction", state->valFraction, "idx: fraction of train carved into val")
      ->check(CLI::Range(0.0, 1.0));
  sub->add_flag("--follow-symlinks", state->followSymlinks,
                "Read files that symbolic links lead to outside the dataset folder (refused by default)");
  return std::function<int()>([state] {
    using namespace loupe;
    storage::ImportRequest request;
    request.format = state->format;
    request.path = state->path;
    request.labeler = state->labeler;
    if (!state->kind.empty()) request.kind = *labelerKindFromString(state->kind);
    request.cocoImages = state->cocoImages;
    request.images = state->images;
    request.valFraction = state->valFraction;
    request.followSymlinks = state->followSymlinks;

    // Open first: a bad project file is reported before a large dataset is parsed.
    auto project = storage::Project::open(state->project);
    app::cli::TerminalProgress bar;
    const auto report = storage::importFile(project, request, bar.progress());
    for (const auto& w : report.warnings) std::cerr << "loupe: warning: " << w << "\n";
    std::cout << nlohmann::json{{"items_added", report.itemsAdded},
                                {"items_matched", report.itemsMatched},
                                {"items_updated", report.itemsUpdated},
                                {"media_added", report.mediaAdded},
                                {"annotations_added", report.annotationsAdded},
                                {"annotations_skipped", report.annotationsSkipped},
                                {"classes_added", report.classesAdded},
                                {"labelers_added", report.labelersAdded},
                                {"attributes_set", report.attributesSet},
                                {"warnings", report.warnings}}
                     // A warning may quote a path that is not UTF-8: replaced, never a type_error.
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    return 0;
  });
}};
}  // namespace
