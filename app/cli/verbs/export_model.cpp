// loupe export-model P --model NAME --format c|onnx|onnx-int8|tflite OUT
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/cli/verb_registry.h"
#include "core/model_export/model_export.h"
#include "firmware/runtime/model.h"
#include "storage/project.h"

namespace {

struct ExportModelState {
  std::string project, model, format, out;
};

// Newest model with that name (names need not be unique: retraining keeps the old ones).
loupe::storage::ModelRecord findModel(const loupe::storage::Project& project, const std::string& name) {
  std::string known;
  for (const auto& m : project.models().all()) {
    if (m.name == name) return *project.models().load(m.id);
    known += (known.empty() ? "" : ", ") + m.name;
  }
  throw std::runtime_error("no model named '" + name + "' in " + project.path().string() +
                           (known.empty() ? " (it has no models)" : " (models: " + known + ")"));
}

// Writes next to the target and renames, so a failed export never leaves a partial file.
void writeAtomically(const std::filesystem::path& out, const std::vector<std::uint8_t>& bytes) {
  const std::filesystem::path tmp = out.string() + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, out);
}

}  // namespace

static loupe::app::cli::VerbRegistration reg{"export-model", [](CLI::App& app) {
  auto state = std::make_shared<ExportModelState>();
  auto* sub = app.add_subcommand("export-model", "Export a trained model: C header, ONNX float or QDQ int8, TensorFlow Lite int8");
  sub->add_option("project", state->project, "project file (.loupe)")->required()->check(CLI::ExistingFile);
  sub->add_option("--model", state->model, "model name (the newest model of that name)")->required();
  sub->add_option("--format", state->format, "c | onnx | onnx-int8 | tflite (int8, TensorFlow Lite Micro)")->required();
  sub->add_option("out", state->out, "output file")->required();
  return std::function<int()>([state] {
    const auto format = loupe::model_export::parseFormat(state->format);
    const auto project = loupe::storage::Project::open(state->project);
    const auto record = findModel(project, state->model);
    const auto bytes = loupe::model_export::exportModel({record.name, record.floatBlob, record.int8Blob}, format);
    writeAtomically(state->out, bytes);
    nlohmann::json j{{"model", record.name}, {"format", loupe::model_export::formatName(format)},
                     {"path", state->out}, {"bytes", bytes.size()}};
    loupe::runtime::Model int8;
    if (int8.load(record.int8Blob.data(), record.int8Blob.size()) == loupe::runtime::Status::Ok) {
      char id[11];
      std::snprintf(id, sizeof id, "0x%08x", static_cast<unsigned>(int8.id()));
      j["model_id"] = id;
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  });
}};
