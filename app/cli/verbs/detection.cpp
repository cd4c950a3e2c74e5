// loupe detection P --model M --reference R [--where K=V] [--slice NAME] --json
// COCO-style box evaluation (pycocotools' definitions; undefined values are null) and the
// centroid metric (core/analysis/centroid_eval.h).
#include <iostream>

#include "app/cli/analysis_support.h"
#include "app/cli/verb_registry.h"
#include "core/analysis/centroid_eval.h"
#include "core/analysis/coco_eval.h"

namespace {

using namespace loupe;

static loupe::app::cli::VerbRegistration reg{"detection", [](CLI::App& app) {
  auto args = std::make_shared<loupe::app::cli::EvalArgs>();
  auto* sub = app.add_subcommand("detection", "COCO mAP/mAR of a box model against the reference");
  loupe::app::cli::addEvalOptions(sub, args);
  loupe::app::cli::addSliceOptions(sub, args);
  return std::function<int()>([args] {
    const auto project = loupe::app::cli::openProject(args->project);
    const auto table = loupe::app::cli::loadTable(project, *args);
    if (table.task != analysis::TaskKind::Detection)
      throw std::invalid_argument("reference labeler '" + args->reference +
                                  "' drew no boxes: use 'loupe confusion' for image labels");
    std::vector<analysis::CocoImage> images;
    std::vector<std::vector<analysis::ScoredBox>> reference, predicted;
    for (const auto r : analysis::selectRows(table, loupe::app::cli::requestedSlice(project, *args))) {
      images.push_back({table.reference.boxes[r], table.model.boxes[r]});
      reference.push_back(table.reference.boxes[r]);
      predicted.push_back(table.model.boxes[r]);
    }
    const auto s = analysis::cocoEvaluate(table.classes, images);
    const auto centroid = analysis::centroidEvaluate(table.classes, reference, predicted);
    using loupe::app::cli::cocoValue;
    nlohmann::json perClass = nlohmann::json::array();
    for (const auto& c : s.perClass)
      perClass.push_back({{"class", c.name}, {"ap", cocoValue(c.ap)}, {"ap_50", cocoValue(c.ap50)},
                          {"ap_75", cocoValue(c.ap75)}, {"ar_100", cocoValue(c.ar100)}});
    nlohmann::json j{{"map", cocoValue(s.map)},         {"map_50", cocoValue(s.map50)},
                           {"map_75", cocoValue(s.map75)},    {"map_small", cocoValue(s.mapSmall)},
                           {"map_medium", cocoValue(s.mapMedium)}, {"map_large", cocoValue(s.mapLarge)},
                           {"mar_1", cocoValue(s.mar1)},      {"mar_10", cocoValue(s.mar10)},
                           {"mar_100", cocoValue(s.mar100)},  {"per_class", perClass},
                           {"centroid", loupe::app::cli::centroidJson(centroid)}};
    j["centroid"]["class_agnostic"] =
        loupe::app::cli::centroidJson(analysis::centroidEvaluateClassAgnostic(reference, predicted));
    if (args->json) {
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    for (const char* key : {"map", "map_50", "map_75", "map_small", "map_medium", "map_large", "mar_1", "mar_10",
                            "mar_100"})
      std::cout << key << " " << (j[key].is_null() ? std::string("-") : j[key].dump()) << "\n";
    for (const char* key : {"precision", "recall", "f1"})
      std::cout << "centroid_" << key << " " << j["centroid"][key].dump() << "\n";
    return 0;
  });
}};

}  // namespace
