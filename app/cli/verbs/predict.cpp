// `loupe predict P --model NAME --split S`: class probabilities of a stored classifier on a split,
// or a stored detector's boxes.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "storage/project.h"
#include "core/nn/architectures.h"
#include "core/nn/detection_decode.h"
#include "storage/training/detection_training.h"
#include "storage/training/model_training.h"

namespace {

struct PredictArgs {
  std::string project, model, split = "test";
  int threads = 0;
  float threshold = -1;  // detector: < 0 means the one stored with the model
  bool json = false;
};

// A detector's boxes per item, in image pixels, with the score-weighted centroid of the merged
// cells (cx, cy) next to the box.
int printDetections(const loupe::storage::Project& project, const loupe::storage::StoredNetwork& stored,
                    loupe::Split split, const PredictArgs& a, loupe::app::cli::TerminalProgress& bar) {
  // The threshold the model was trained and stored with, unless --threshold overrides it (to see
  // the precision/recall trade-off without retraining).
  const float threshold = a.threshold >= 0 ? a.threshold : loupe::storage::storedDetectionThreshold(stored);
  const auto predictions =
      loupe::storage::predictDetections(project, stored.network, split, a.threads, threshold, bar.progress());
  const auto& classes = stored.network.classes;
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& p : predictions) {
    nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
    for (const auto& d : p.detections) {
      boxes.push_back({{"label", classes[static_cast<std::size_t>(d.cls)]}, {"score", d.score}, {"x", d.box.x},
                       {"y", d.box.y}, {"w", d.box.w}, {"h", d.box.h}, {"cx", d.cx}, {"cy", d.cy}});
      if (!a.json)
        std::printf("%s\t%s\t%.4f\t%.1f %.1f %.1f %.1f\n", p.item.c_str(), classes[static_cast<std::size_t>(d.cls)].c_str(),
                    d.score, d.box.x, d.box.y, d.box.w, d.box.h);
    }
    out.push_back({{"item", p.item}, {"boxes", boxes}});
  }
  if (a.json) std::cout << out.dump(2) << "\n";
  return 0;
}

int runPredict(const PredictArgs& a) {
  const auto split = loupe::splitFromString(a.split);
  if (!split) throw std::invalid_argument("--split must be train, val, test or unassigned, not '" + a.split + "'");
  const auto project = loupe::storage::Project::open(a.project);
  const auto stored = loupe::storage::loadStoredNetwork(project, a.model);
  loupe::app::cli::TerminalProgress bar;
  if (loupe::nn::isDetector(stored.network)) return printDetections(project, stored, *split, a, bar);
  const auto predictions = loupe::storage::predictSplit(project, stored.network, *split, a.threads, bar.progress());
  const auto& classes = stored.network.classes;
  if (a.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& p : predictions) {
      nlohmann::ordered_json scores = nlohmann::ordered_json::object();
      for (std::size_t k = 0; k < classes.size(); ++k) scores[classes[k]] = p.scores[k];
      out.push_back({{"item", p.item}, {"label", classes[static_cast<std::size_t>(p.label)]}, {"scores", scores}});
    }
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& p : predictions)
      std::printf("%s\t%s\t%.4f\n", p.item.c_str(), classes[static_cast<std::size_t>(p.label)].c_str(),
                  p.scores[static_cast<std::size_t>(p.label)]);
  }
  return 0;
}

loupe::app::cli::VerbRegistration reg{"predict", [](CLI::App& app) {
  auto a = std::make_shared<PredictArgs>();
  auto* sub = app.add_subcommand("predict", "Class probabilities (classifier) or boxes (detector) of a stored model on a split");
  sub->add_option("project", a->project, "Project file (.loupe)")->required();
  sub->add_option("--model", a->model, "Model name (the newest model of that name)")->required();
  sub->add_option("--split", a->split, "train, val, test or unassigned (default: test)");
  sub->add_option("--threads", a->threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_option("--threshold", a->threshold,
                  "Detector: the objectness a cell needs (default: the threshold stored with the model)")
      ->check(CLI::Range(0.0f, 1.0f));
  sub->add_flag("--json", a->json, "Print JSON");
  return std::function<int()>([a] { return runPredict(*a); });
}};

}  // namespace
