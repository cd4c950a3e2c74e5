// `loupe label-issues P --labeler L`: the labeler's image labels that are probably wrong, by
// confident learning on out-of-fold probabilities (K-fold cross-training) or a stored model's.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "storage/label_errors/box_issue_search.h"
#include "storage/label_errors/issue_review.h"
#include "storage/label_errors/label_issue_search.h"
#include "storage/training/detection_training.h"
#include "storage/training/training_data.h"
#include "storage/project.h"

namespace {

struct Args {
  std::string project, labeler, model, arch, split, ranking = "self_confidence", probabilitiesOut;
  int folds = 5, epochs = 5, threads = 0, batch = 64, shift = 0, limit = 0;
  std::uint64_t seed = 1;
  float learningRate = 1e-3f;
  double minScore = 0.5, placementIou = 0.5;
  bool flip = false, cosine = false, json = false, includeDecided = false;
};

nlohmann::json confidentJointJson(const loupe::storage::LabelIssueOutcome& out) {
  const int K = out.joint.classes;
  nlohmann::json counts = nlohmann::json::array(), calibrated = nlohmann::json::array();
  for (int i = 0; i < K; ++i) {
    nlohmann::json c = nlohmann::json::array(), q = nlohmann::json::array();
    for (int j = 0; j < K; ++j) {
      c.push_back(out.joint.countAt(i, j));
      q.push_back(out.joint.at(i, j));
    }
    counts.push_back(c);
    calibrated.push_back(q);
  }
  return {{"thresholds", out.joint.thresholds}, {"counts", counts}, {"calibrated", calibrated}};
}

// One row per scored item: what the ranking saw, for other tools and for checking the flags.
void writeProbabilities(const loupe::storage::LabelIssueOutcome& out, const std::string& path,
                        const loupe::storage::Project& project) {
  std::ofstream file(path);
  if (!file) throw std::runtime_error(path + ": cannot write");
  file << "item,given";
  for (const auto& c : out.classes) file << "," << c;
  file << "\n";
  const auto records = project.items().byIds(out.itemIds);
  const auto K = out.classes.size();
  for (std::size_t n = 0; n < records.size(); ++n) {
    file << records[n].item.name << "," << out.classes[static_cast<std::size_t>(out.labels[n])];
    for (std::size_t j = 0; j < K; ++j) file << "," << out.probabilities[n * K + j];
    file << "\n";
  }
  if (!file.flush()) throw std::runtime_error(path + ": write failed");
}

nlohmann::json boxJson(const std::optional<loupe::Box>& box, const std::string& label) {
  if (!box) return nullptr;
  return {{"label", label}, {"x", box->x}, {"y", box->y}, {"w", box->w}, {"h", box->h}};
}

// A labeler who draws boxes, checked against a detector's stored boxes.
int runBoxes(const loupe::storage::Project& project, const Args& a) {
  using namespace loupe;
  auto out = storage::findBoxIssues(
      project, {.labeler = a.labeler, .model = a.model, .options = {.minScore = a.minScore, .placementIou = a.placementIou}});
  const std::size_t decided = a.includeDecided ? 0 : storage::dropDecided(project, out);
  const std::size_t shown = a.limit > 0 ? std::min(out.flagged.size(), static_cast<std::size_t>(a.limit)) : out.flagged.size();
  if (a.json) {
    nlohmann::json issues = nlohmann::json::array();
    for (std::size_t k = 0; k < shown; ++k) {
      const auto& image = out.flagged[k];
      nlohmann::json boxes = nlohmann::json::array();
      for (const auto& i : image.issues) {
        nlohmann::json predicted = boxJson(i.predicted, i.predictedClass);
        if (i.predicted) predicted["score"] = i.predictedScore;
        boxes.push_back({{"kind", i.kind}, {"given", boxJson(i.given, i.givenClass)}, {"suggested", predicted},
                         {"iou", i.iou}, {"score", i.score}});
      }
      issues.push_back({{"item", image.item}, {"item_id", image.itemId}, {"score", image.score}, {"boxes", boxes}});
    }
    std::cout << nlohmann::json{{"method", "box_issues"}, {"labeler", out.labeler}, {"model", out.model},
                                {"images", out.images}, {"flagged", out.flagged.size()}, {"decided", decided},
                                {"issues", issues}}
                     .dump(2)
              << "\n";
    return 0;
  }
  std::printf("%zu of %d images with likely box errors by %s (against %s; %zu decided in review left out)\n",
              out.flagged.size(), out.images, out.labeler.c_str(), out.model.c_str(), decided);
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& image = out.flagged[k];
    std::printf("%.4f\t%s", image.score, image.item.c_str());
    for (const auto& i : image.issues) std::printf("\t%s %s", i.kind.c_str(), (i.given ? i.givenClass : i.predictedClass).c_str());
    std::printf("\n");
  }
  return 0;
}

int run(const Args& a) {
  using namespace loupe;
  auto project = storage::Project::open(a.project, storage::OpenMode::ReadOnly);
  if (!a.model.empty() && storage::labelerDrawsBoxesOnly(project, storage::chooseLabeler(project, a.labeler).id))
    return runBoxes(project, a);
  storage::LabelIssueRequest request;
  request.labeler = a.labeler;
  request.model = a.model;
  request.folds = a.folds;
  request.arch = a.arch;
  if (!a.split.empty()) {
    request.split = splitFromString(a.split);
    if (!request.split) throw std::invalid_argument("--split must be train, val, test or unassigned, not '" + a.split + "'");
  }
  const auto ranking = label_errors::rankingFromString(a.ranking);
  if (!ranking) throw std::invalid_argument("--ranking must be self_confidence or normalized_margin, not '" + a.ranking + "'");
  request.ranking = *ranking;
  auto& o = request.options;
  o.epochs = a.epochs;
  o.patience = 0;
  o.batchSize = a.batch;
  o.optimizer.learningRate = a.learningRate;
  o.cosineSchedule = a.cosine;
  o.seed = a.seed;
  o.threads = a.threads;
  o.augmentation = {.flipHorizontal = a.flip, .maxShift = a.shift};

  storage::LabelIssueOutcome out;
  {
    app::cli::TerminalProgress bar;
    out = storage::findLabelIssues(project, request, bar.progress());
  }
  if (!a.probabilitiesOut.empty()) writeProbabilities(out, a.probabilitiesOut, project);
  const std::size_t decided = a.includeDecided ? 0 : storage::dropDecided(project, out);
  const std::size_t shown = a.limit > 0 ? std::min(out.issues.size(), static_cast<std::size_t>(a.limit)) : out.issues.size();

  if (a.json) {
    nlohmann::json issues = nlohmann::json::array();
    for (std::size_t k = 0; k < shown; ++k) {
      const auto& i = out.issues[k];
      issues.push_back({{"item", i.item}, {"item_id", i.itemId}, {"given", i.given}, {"suggested", i.suggested}, {"score", i.score}});
    }
    nlohmann::json j = {{"method", "confident_learning"},
                        {"probabilities", out.source},
                        {"ranking", label_errors::toString(request.ranking)},
                        {"labeler", out.labeler},
                        {"folds", out.folds},
                        {"items", out.items},
                        {"classes", out.classes},
                        {"estimated_errors", out.joint.estimatedErrors()},
                        {"flagged", out.issues.size()},
                        {"decided", decided},
                        {"confident_joint", confidentJointJson(out)},
                        {"issues", issues}};
    if (out.source == "model") j["model"] = out.model;
    else {
      j["arch"] = out.arch;
      j["epochs"] = a.epochs;
      j["epoch_seconds"] = out.meanEpochSeconds;
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::printf("%zu likely label errors of %d items labelled by %s (estimated %.1f; %zu decided in review left out; "
              "probabilities: %s)\n",
              out.issues.size(), out.items, out.labeler.c_str(), out.joint.estimatedErrors(), decided,
              out.source == "model" ? ("model " + out.model).c_str()
                                    : (std::to_string(out.folds) + "-fold cross-validation of " + out.arch).c_str());
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& i = out.issues[k];
    std::printf("%.4f\t%s\tgiven %s\tsuggested %s\n", i.score, i.item.c_str(), i.given.c_str(), i.suggested.c_str());
  }
  if (out.source == "model")
    std::printf("note: items model %s trained on look more right than they are; cross-validation (no --model) avoids that\n",
                out.model.c_str());
  return 0;
}

loupe::app::cli::VerbRegistration reg{"label-issues", [](CLI::App& app) {
  auto a = std::make_shared<Args>();
  auto* sub = app.add_subcommand("label-issues", "Likely label errors by confident learning (most likely first)");
  sub->add_option("project", a->project, "Project file (.loupe)")->required();
  sub->add_option("--labeler", a->labeler, "Labels to check (default: reference, else consensus)");
  sub->add_option("--model", a->model, "Use this stored model's probabilities instead of cross-training; for a labeler who draws boxes, the detector (model labeler) to check the boxes against");
  sub->add_option("--min-score", a->minScore, "Boxes: the score a prediction needs to claim a missed box")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  sub->add_option("--placement-iou", a->placementIou, "Boxes: a same-class pair below this IoU is misplaced")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  sub->add_option("--folds", a->folds, "Cross-validation folds")->capture_default_str()->check(CLI::Range(2, 50));
  sub->add_option("--split", a->split, "Only this split's items (default: all)");
  sub->add_option("--ranking", a->ranking, "self_confidence or normalized_margin")->capture_default_str();
  sub->add_option("--limit", a->limit, "Print at most N issues (0: every flagged item)")->check(CLI::NonNegativeNumber);
  sub->add_option("--probabilities", a->probabilitiesOut, "Write the scored probabilities to this CSV file");
  sub->add_option("--arch", a->arch, "Architecture of the fold models (default: by image size)");
  sub->add_option("--epochs", a->epochs, "Epochs per fold")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--batch-size", a->batch, "Mini-batch size")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_option("--lr", a->learningRate, "Learning rate (Adam)")->capture_default_str()->check(CLI::PositiveNumber);
  sub->add_flag("--cosine", a->cosine, "Cosine decay of the learning rate over --epochs");
  sub->add_flag("--flip", a->flip, "Augment: random horizontal flips");
  sub->add_option("--shift", a->shift, "Augment: random shifts up to N pixels")->check(CLI::NonNegativeNumber);
  sub->add_option("--seed", a->seed, "Seed for folds, initialisation and shuffling");
  sub->add_option("--threads", a->threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_flag("--include-decided", a->includeDecided,
                "Also list issues a reviewer accepted, relabeled or dismissed in the Likely errors queue");
  sub->add_flag("--json", a->json, "Print JSON");
  return std::function<int()>([a] { return run(*a); });
}};

}  // namespace
