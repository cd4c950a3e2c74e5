#include "storage/training/model_training.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/nn/architectures.h"
#include "core/nn/footprint.h"
#include "core/nn/inference.h"
#include "core/nn/network.h"
#include "core/nn/spec_io.h"
#include "core/quant/board_fit.h"
#include "core/quant/report.h"
#include "storage/training/detection_training.h"
#include "storage/training/training_common.h"
#include "storage/training/training_data.h"

namespace loupe::storage {
namespace {

nlohmann::json labelsSnapshot(const SplitImages& split) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < split.itemIds.size(); ++i) out.push_back({split.itemIds[i], split.images.labels[i]});
  return out;
}

const nn::Architecture& chooseArchitecture(const storage::Project& project, const TrainRequest& request,
                                           const Labeler& labeler) {
  if (isDetectionRequest(project, request)) return chooseDetectorArchitecture(project, request, labeler);
  const auto [width, height] = typicalImageSize(project, labeler.id);
  if (width == 0) throw std::invalid_argument("no train items with media are labelled by '" + labeler.name + "'");
  return request.arch.empty() ? nn::defaultArchitecture(width, height) : nn::architecture(request.arch);
}

}  // namespace

TrainPlan planTraining(const storage::Project& project, const TrainRequest& request) {
  const nn::Architecture& arch = chooseArchitecture(project, request, chooseLabeler(project, request.labeler));
  return {arch.name, quant::int8BlobBytes(arch.build(arch.input, classNames(project)))};
}

bool isDetectionRequest(const storage::Project& project, const TrainRequest& request) {
  if (request.task != TrainTask::Auto) return request.task == TrainTask::Detection;
  if (!request.arch.empty()) return nn::architecture(request.arch).detector;
  const Labeler labeler = chooseLabeler(project, request.labeler);
  return labelerDrawsBoxesOnly(project, labeler.id);
}

TrainOutcome trainAndStore(storage::Project& project, const TrainRequest& request, const Progress& progress,
                           const nn::EpochFn& onEpoch) {
  if (isDetectionRequest(project, request)) return trainDetectorAndStore(project, request, progress, onEpoch);
  if (!request.arch.empty() && nn::architecture(request.arch).detector)
    throw std::invalid_argument("architecture '" + request.arch + "' is a detector: train it with --task detection");
  const Labeler labeler = chooseLabeler(project, request.labeler);
  const std::vector<std::string> classes = classNames(project);
  const nn::Architecture& arch = chooseArchitecture(project, request, labeler);
  nn::NetworkSpec initial = nn::buildInitialised(arch, classes, request.options.seed);

  const auto trainSet = loadLabelledSplit(project, Split::Train, labeler.id, classes, arch.input, progress);
  const auto valSet = loadLabelledSplit(project, Split::Val, labeler.id, classes, arch.input, progress);
  const auto testSet = loadLabelledSplit(project, Split::Test, labeler.id, classes, arch.input, progress);

  TrainOutcome out;
  out.arch = arch.name;
  out.labeler = labeler.name;
  out.trainItems = trainSet.images.size();
  out.valItems = valSet.images.size();
  out.testItems = testSet.images.size();
  out.result = nn::train(std::move(initial), trainSet.images, valSet.images, request.options, progress, onEpoch);
  const nn::Network trained(out.result.network);
  const int threads = request.options.threads;
  out.floatAccuracy = testSet.images.size() > 0 ? nn::evaluate(trained, testSet.images, threads).accuracy
                                                : std::numeric_limits<double>::quiet_NaN();
  out.macs = nn::multiplyAccumulates(out.result.network);
  out.pingPongArenaBytes = nn::pingPongArenaBytes(out.result.network);
  const auto int8 = quant::quantizeNetwork(out.result.network, trainSet.images, testSet.images, threads, progress);
  out.int8Accuracy = testSet.images.size() > 0 ? int8.report.int8Accuracy : std::numeric_limits<double>::quiet_NaN();
  out.int8Bytes = int8.blob.size();
  out.arenaBytes = static_cast<std::size_t>(int8.report.arenaBytes);
  out.meanEpochSeconds = meanEpochSeconds(out.result.curve);
  out.modelName = request.modelName.empty() ? freeModelName(project, arch.name) : request.modelName;

  // Predictions on every val/test item with media, labelled or not, for the error analysis.
  std::vector<Prediction> predictions;
  std::vector<Id> predicted;
  for (Split split : {Split::Val, Split::Test}) {
    auto part = predictSplit(project, out.result.network, split, threads, progress);
    for (auto& p : part) predicted.push_back(p.itemId);
    predictions.insert(predictions.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }

  const auto& o = request.options;
  nlohmann::json metrics = trainedModelMetrics(out, o);
  metrics.update(nlohmann::json{
      {"labeler", labeler.name},
      {"float_accuracy", out.floatAccuracy},
      {"int8_accuracy", out.int8Accuracy},
      {"labels_snapshot",
       {{"train", labelsSnapshot(trainSet)}, {"val", labelsSnapshot(valSet)}, {"test", labelsSnapshot(testSet)}}}});

  storage::Project::Transaction tx(project);
  out.modelId = project.models().store({.id = 0,
                                    .name = out.modelName,
                                    .architecture = arch.name,
                                    .created = {},
                                    .floatBlob = nn::serializeNetwork(out.result.network),
                                    .int8Blob = int8.blob,
                                    .metricsJson = metrics.dump(),
                                    .labelsJson = nlohmann::json(classes).dump()});
  writePredictions(project, out.modelName, out.result.network, predictions, predicted);
  tx.commit();
  return out;
}

float storedDetectionThreshold(const StoredNetwork& stored) {
  const auto metrics = nlohmann::json::parse(stored.record.metricsJson, nullptr, false);
  return metrics.is_object() ? metrics.value("threshold", nn::kDefaultDetectionThreshold) : nn::kDefaultDetectionThreshold;
}

StoredNetwork loadStoredNetwork(const storage::Project& project, const std::string& name) {
  std::string known;
  for (const auto& m : project.models().all()) {  // newest first
    if (m.name == name) {
      auto record = project.models().load(m.id);
      if (!record) break;
      if (record->floatBlob.empty()) throw std::invalid_argument("model '" + name + "' has no float network");
      auto network = nn::deserializeNetwork(record->floatBlob);
      return {std::move(*record), std::move(network)};
    }
    known += (known.empty() ? "" : ", ") + m.name;
  }
  throw std::invalid_argument("unknown model '" + name + "' (stored: " + (known.empty() ? "none" : known) + ")");
}

std::vector<Prediction> predictSplit(const storage::Project& project, const nn::NetworkSpec& network, Split split,
                                     int threads, const Progress& progress) {
  const nn::Network net(network);
  const auto images = loadSplit(project, split, network.input, progress);
  const auto probs = nn::predict(net, images.images, threads, progress);
  const int classes = net.classes();
  std::vector<Prediction> out;
  const auto records = project.items().byIds(images.itemIds);
  for (std::size_t i = 0; i < images.itemIds.size(); ++i) {
    const float* p = probs.data() + i * static_cast<std::size_t>(classes);
    out.push_back({.itemId = images.itemIds[i],
                   .item = i < records.size() ? records[i].item.name : std::string(),
                   .label = nn::argmax(p, classes),
                   .scores = std::vector<float>(p, p + classes)});
  }
  return out;
}

void writePredictions(storage::Project& project, const std::string& labelerName, const nn::NetworkSpec& network,
                      const std::vector<Prediction>& predictions, const std::vector<Id>& onItems) {
  replaceModelOutputs(project, labelerName, network.classes, onItems, [&](Id labelerId, const std::vector<Id>& classIds) {
    std::vector<Annotation> annotations;
    annotations.reserve(predictions.size());
    for (const auto& p : predictions)
      annotations.push_back({.itemId = p.itemId,
                             .labelerId = labelerId,
                             .classId = classIds[static_cast<std::size_t>(p.label)],
                             .kind = AnnotationKind::ImageLabel,
                             .score = static_cast<double>(p.scores[static_cast<std::size_t>(p.label)])});
    return annotations;
  });
}

}  // namespace loupe::storage
