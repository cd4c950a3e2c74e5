// `loupe train P`: train a CNN (classifier from image labels, or centroid detector from boxes)
// on the project's train split, store it, and write its val/test predictions as a model labeler.
// Prints the test metrics (JSON with --json).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "core/nn/detection_decode.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "core/quant/board_fit.h"
#include "storage/project.h"
#include "storage/training/model_training.h"

namespace {

struct TrainArgs {
  std::string project, arch, labeler, name, optimizer = "adam", task;
  int epochs = 10, threads = 0, batch = 64, patience = 3, shift = 0;
  std::uint64_t seed = 1;
  float learningRate = 1e-3f, weightDecay = 0.0f, brightness = 0.0f, contrast = 0.0f, noise = 0.0f, scale = 0.0f;
  float objectWeight = 10.0f, threshold = loupe::nn::kDefaultDetectionThreshold;
  bool flip = false, cosine = false, json = false;
};

nlohmann::json numberOrNull(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

// The keys every trained model reports, classifier or detector (the task adds its metrics).
nlohmann::json trainedModelJson(const loupe::storage::TrainOutcome& out, std::size_t slot) {
  return {{"model", out.modelName},
          {"model_id", out.modelId},
          {"task", out.detection ? "detection" : "classification"},
          {"arch", out.arch},
          {"labeler", out.labeler},
          {"int8_bytes", out.int8Bytes},
          {"fits_board", out.int8Bytes <= slot},
          {"arena_bytes", out.arenaBytes},
          {"macs", out.macs},
          {"epoch_seconds", out.meanEpochSeconds},
          {"epochs_run", out.result.curve.size()},
          {"best_epoch", out.result.bestEpoch},
          {"stopped_early", out.result.stoppedEarly},
          {"train_items", out.trainItems},
          {"val_items", out.valItems},
          {"test_items", out.testItems}};
}

int printDetector(const loupe::storage::TrainOutcome& out, std::size_t slot, bool json) {
  if (json) {
    nlohmann::json j = trainedModelJson(out, slot);
    j["float_f1"] = numberOrNull(out.floatF1);
    j["int8_f1"] = numberOrNull(out.int8F1);
    j["float_map_50"] = numberOrNull(out.floatMap50);
    j["int8_map_50"] = numberOrNull(out.int8Map50);
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::printf("detector %s (%s) trained on %d items with boxes by %s; %zu epochs, %.2f s/epoch\n",
              out.modelName.c_str(), out.arch.c_str(), out.trainItems, out.labeler.c_str(), out.result.curve.size(),
              out.meanEpochSeconds);
  std::printf("test centroid F1 %.4f float, %.4f int8; mAP@0.5 %.4f float, %.4f int8 on %d items\n", out.floatF1,
              out.int8F1, out.floatMap50, out.int8Map50, out.testItems);
  std::printf("int8 model %zu bytes, arena %zu bytes, %lld MACs; %s\n", out.int8Bytes, out.arenaBytes,
              static_cast<long long>(out.macs), loupe::quant::boardFitText(out.int8Bytes, slot).c_str());
  return 0;
}

int runTrain(const TrainArgs& a) {
  auto project = loupe::storage::Project::open(a.project);
  loupe::storage::TrainRequest request;
  request.arch = a.arch;
  request.labeler = a.labeler;
  request.modelName = a.name;
  if (!a.task.empty() && a.task != "classification" && a.task != "detection")
    throw std::invalid_argument("--task must be classification or detection, not '" + a.task + "'");
  request.task = a.task.empty()               ? loupe::storage::TrainTask::Auto
                 : a.task == "detection"      ? loupe::storage::TrainTask::Detection
                                              : loupe::storage::TrainTask::Classification;
  request.objectWeight = a.objectWeight;
  request.threshold = a.threshold;
  auto& o = request.options;
  if (a.optimizer != "adam" && a.optimizer != "sgd")
    throw std::invalid_argument("--optimizer must be adam or sgd, not '" + a.optimizer + "'");
  o.optimizer.kind = a.optimizer == "adam" ? loupe::nn::OptimizerKind::Adam : loupe::nn::OptimizerKind::SgdMomentum;
  o.optimizer.learningRate = a.learningRate;
  o.optimizer.weightDecay = a.weightDecay;
  o.batchSize = a.batch;
  o.epochs = a.epochs;
  o.patience = a.patience;
  o.cosineSchedule = a.cosine;
  o.seed = a.seed;
  o.threads = a.threads;
  o.augmentation = {.flipHorizontal = a.flip, .maxShift = a.shift, .brightness = a.brightness,
                    .contrast = a.contrast, .noise = a.noise, .scale = a.scale};

  loupe::app::cli::TerminalProgress bar;
  const loupe::storage::TrainOutcome out = loupe::storage::trainAndStore(project, request, bar.progress());

  const std::size_t slot = loupe::quant::defaultBoardModelSlotBytes();
  if (out.detection) return printDetector(out, slot, a.json);
  if (a.json) {
    nlohmann::json j = trainedModelJson(out, slot);
    j["float_accuracy"] = numberOrNull(out.floatAccuracy);
    j["int8_accuracy"] = numberOrNull(out.int8Accuracy);
    std::cout << j.dump(2) << "\n";
  } else {
    std::printf("model %s (%s) trained on %d items labelled by %s; %zu epochs, %.2f s/epoch\n",
                out.modelName.c_str(), out.arch.c_str(), out.trainItems, out.labeler.c_str(),
                out.result.curve.size(), out.meanEpochSeconds);
    std::printf("test accuracy %.4f float, %.4f int8 on %d items; int8 model %zu bytes, arena %zu bytes, %lld MACs\n",
                out.floatAccuracy, out.int8Accuracy, out.testItems, out.int8Bytes, out.arenaBytes,
                static_cast<long long>(out.macs));
    std::printf("int8 model %s\n", loupe::quant::boardFitText(out.int8Bytes, slot).c_str());
  }
  return 0;
}

loupe::app::cli::VerbRegistration reg{"train", [](CLI::App& app) {
  auto a = std::make_shared<TrainArgs>();
  auto* sub = app.add_subcommand("train", "Train a CNN on the train split and store it in the project");
  sub->add_option("project", a->project, "Project file (.loupe)")->required();
  sub->add_option("--task", a->task,
                  "classification or detection (default: detection when the labeler drew boxes and no image labels)");
  sub->add_option("--arch", a->arch,
                  "Architecture: board28-cnn, fmnist-cnn, nano96-dscnn; detectors fomo96-det, fomo160x120-det, "
                  "fomo-det-<W>x<H> (default: by task and image size)");
  sub->add_option("--labeler", a->labeler, "Labels to train on (default: reference, else consensus)");
  sub->add_option("--name", a->name, "Model name (default: <arch>-<n>)");
  sub->add_option("--epochs", a->epochs, "Maximum epochs")->check(CLI::PositiveNumber);
  sub->add_option("--seed", a->seed, "Seed for initialisation, shuffling and augmentation");
  sub->add_option("--threads", a->threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  sub->add_option("--batch-size", a->batch, "Mini-batch size")->check(CLI::PositiveNumber);
  sub->add_option("--optimizer", a->optimizer, "adam or sgd (with momentum 0.9)");
  sub->add_option("--lr", a->learningRate, "Learning rate")->check(CLI::PositiveNumber);
  sub->add_option("--weight-decay", a->weightDecay, "L2 weight decay on weights")->check(CLI::NonNegativeNumber);
  sub->add_option("--patience", a->patience, "Early stopping: epochs without a lower val loss (0: off)")
      ->check(CLI::NonNegativeNumber);
  sub->add_flag("--cosine", a->cosine, "Cosine decay of the learning rate to 0 over --epochs");
  sub->add_flag("--flip", a->flip, "Augment: random horizontal flips");
  sub->add_option("--shift", a->shift, "Augment: random shifts up to N pixels")->check(CLI::NonNegativeNumber);
  sub->add_option("--brightness", a->brightness, "Augment: brightness offset up to +-F (1.0 = 128 levels)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--contrast", a->contrast, "Augment: contrast gain in 1 +- F")->check(CLI::NonNegativeNumber);
  sub->add_option("--noise", a->noise, "Augment: Gaussian noise sigma (normalised units)")->check(CLI::NonNegativeNumber);
  sub->add_option("--scale", a->scale, "Augment (detection): zoom by 1 +- F about the centre, boxes follow")
      ->check(CLI::Range(0.0f, 0.9f));
  sub->add_option("--object-weight", a->objectWeight, "Detection: loss weight of object cells (background: 1)")
      ->check(CLI::PositiveNumber);
  sub->add_option("--threshold", a->threshold, "Detection: the objectness (1 - background probability) an object cell needs")->check(CLI::Range(0.0f, 1.0f));
  sub->add_flag("--json", a->json, "Print JSON");
  return std::function<int()>([a] { return runTrain(*a); });
}};

}  // namespace
