// loupe import-model P FILE.tflite --name M [--classes a,b,...] [--task classification|detection]
// An int8 TensorFlow Lite model made elsewhere, stored like a trained model (predict, error
// analysis, device deploy).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/nn/detection_decode.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/verb_registry.h"
#include "core/domain/errors.h"
#include "core/domain/names.h"
#include "core/quant/blob_io.h"
#include "core/quant/dequantized_network.h"
#include "core/tflite/tflite_reader.h"
#include "firmware/runtime/model.h"
#include "storage/training/model_import.h"
#include "storage/training/training_common.h"

namespace {

struct ImportModelArgs {
  std::string project, file, name, classes, task;
  float threshold = loupe::nn::kDefaultDetectionThreshold;
  int threads = 0;
};

std::vector<std::uint8_t> readModelFile(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw loupe::InputError({path, 0, ""}, "cannot read the file (" + ec.message() + ")");
  if (size > loupe::tflite::kMaxFileBytes) throw loupe::InputError({path, 0, ""}, "file is larger than 64 MiB");
  std::ifstream f(path, std::ios::binary);
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (!f.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
    throw loupe::InputError({path, 0, ""}, "cannot read the file");
  return bytes;
}

std::vector<std::string> splitClasses(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string c; std::getline(in, c, ',');) {
    const auto problem = loupe::nameProblem(c, loupe::NameKind::Class);
    if (!problem.empty()) throw std::invalid_argument("--classes: '" + loupe::printableName(c) + "': " + problem);
    out.push_back(c);
  }
  return out;
}

// The class list an output of `channels` needs: --classes, else the project's when the count fits.
std::vector<std::string> chooseClasses(const ImportModelArgs& a, const loupe::storage::Project& project, int channels,
                                       bool detector) {
  const int want = detector ? channels - 1 : channels;  // a detector's channel 0 is background
  const std::string what = std::to_string(want) + (detector ? " object classes (channel 0 is background)" : " classes");
  if (!a.classes.empty()) {
    auto classes = splitClasses(a.classes);
    if (int(classes.size()) != want)
      throw std::invalid_argument("--classes names " + std::to_string(classes.size()) + " classes; " + a.file +
                                  " outputs " + what);
    return classes;
  }
  auto classes = loupe::storage::classNames(project);
  if (int(classes.size()) != want)
    throw std::invalid_argument(a.file + " outputs " + what + " but the project has " + std::to_string(classes.size()) +
                                ": name them with --classes a,b,...");
  return classes;
}

int runImportModel(const ImportModelArgs& a) {
  if (const auto problem = loupe::nameProblem(a.name, loupe::NameKind::Labeler); !problem.empty())
    throw std::invalid_argument("--name: " + problem);
  const auto bytes = readModelFile(a.file);
  const auto imported = loupe::tflite::readTflite(bytes.data(), bytes.size(), a.file);
  const auto& q = imported.model;
  std::vector<std::uint8_t> blob;
  try {
    blob = loupe::quant::writeBlob(q);
    loupe::quant::readBlob(blob);  // the board's own validating loader
  } catch (const std::exception& e) {
    throw loupe::InputError({a.file, 0, ""}, std::string("the runtime cannot run this model: ") + e.what());
  }
  const auto& last = q.layers.back();
  if (last.type != loupe::nn::LayerType::Softmax)
    throw loupe::InputError({a.file, 0, "subgraphs[0].operators"},
                            "the model must end in SOFTMAX (Loupe's predictions are class probabilities)");
  const bool grid = last.out.h * last.out.w > 1;
  const bool detector = a.task.empty() ? imported.loupeDetector : a.task == "detection";
  if (grid && !detector)
    throw std::invalid_argument(a.file + ": the output is a " + std::to_string(last.out.h) + "x" +
                                std::to_string(last.out.w) + " grid; Loupe runs grid outputs as centroid detectors "
                                "(channel 0 background): pass --task detection if this is one");
  if (!grid && detector) throw std::invalid_argument(a.file + ": --task detection needs a grid output, not 1x1");

  auto project = loupe::storage::Project::open(a.project);
  const auto classes = chooseClasses(a, project, last.out.c, detector);
  loupe::storage::ModelImport request{
      .name = a.name,
      .source = std::filesystem::path(a.file).filename().string(),
      .int8Blob = blob,
      .network = loupe::quant::dequantizedNetwork(q, detector ? "tflite-detector" : "tflite-classifier", classes),
      .threshold = a.threshold,
      .threads = a.threads};
  loupe::app::cli::TerminalProgress bar;
  const auto out = loupe::storage::storeImportedModel(project, request, bar.progress());
  loupe::runtime::Model model;
  char id[11] = "";
  if (model.load(blob.data(), blob.size()) == loupe::runtime::Status::Ok)
    std::snprintf(id, sizeof id, "0x%08x", static_cast<unsigned>(model.id()));
  nlohmann::ordered_json j{{"model", a.name},
                           {"model_id", id},
                           {"task", detector ? "detection" : "classification"},
                           {"classes", classes},
                           {"input", {q.input.h, q.input.w, q.input.c}},
                           {"output", {last.out.h, last.out.w, last.out.c}},
                           {"layers", q.layers.size()},
                           {"int8_bytes", blob.size()},
                           {"predicted_items", out.predictedItems}};
  std::cout << j.dump(2) << "\n";
  return 0;
}

loupe::app::cli::VerbRegistration reg{"import-model", [](CLI::App& app) {
  auto a = std::make_shared<ImportModelArgs>();
  auto* sub = app.add_subcommand("import-model", "Import an int8 TensorFlow Lite model (.tflite) as a stored model");
  sub->add_option("project", a->project, "Project file (.loupe)")->required()->check(CLI::ExistingFile);
  sub->add_option("file", a->file, "The .tflite file")->required()->check(CLI::ExistingFile);
  sub->add_option("--name", a->name, "Name of the stored model (and of its predictions' labeler)")->required();
  sub->add_option("--classes", a->classes, "Comma-separated class names in output order (default: the project's)");
  sub->add_option("--task", a->task, "classification | detection (default: detection only for Loupe's own detectors)")
      ->check(CLI::IsMember({"classification", "detection"}));
  sub->add_option("--threshold", a->threshold, "Detector: the objectness (1 - background probability) an object cell needs (default 0.7)")
      ->check(CLI::Range(0.0f, 1.0f));
  sub->add_option("--threads", a->threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  return std::function<int()>([a] { return runImportModel(*a); });
}};

}  // namespace
