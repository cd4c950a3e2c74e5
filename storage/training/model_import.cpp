#include "storage/training/model_import.h"

#include <nlohmann/json.hpp>

#include "core/nn/architectures.h"
#include "core/nn/spec_io.h"
#include "storage/training/detection_training.h"
#include "storage/training/model_training.h"

namespace loupe::storage {

ModelImportOutcome storeImportedModel(Project& project, const ModelImport& r, const Progress& progress) {
  const bool detector = nn::isDetector(r.network);
  std::vector<Prediction> labels;
  std::vector<DetectionPrediction> boxes;
  std::vector<Id> predicted;
  for (Split split : {Split::Val, Split::Test}) {
    if (detector) {
      auto part = predictDetections(project, r.network, split, r.threads, r.threshold, progress);
      for (auto& p : part) predicted.push_back(p.itemId);
      boxes.insert(boxes.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    } else {
      auto part = predictSplit(project, r.network, split, r.threads, progress);
      for (auto& p : part) predicted.push_back(p.itemId);
      labels.insert(labels.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
  }
  nlohmann::json metrics{{"imported_from", r.source}, {"task", detector ? "detection" : "classification"},
                         {"int8_bytes", r.int8Blob.size()}};
  if (detector) metrics["threshold"] = r.threshold;

  Project::Transaction tx(project);
  ModelImportOutcome out;
  out.modelId = project.models().store({.id = 0,
                                        .name = r.name,
                                        .architecture = r.network.arch,
                                        .created = {},
                                        .floatBlob = nn::serializeNetwork(r.network),
                                        .int8Blob = r.int8Blob,
                                        .metricsJson = metrics.dump(),
                                        .labelsJson = nlohmann::json(r.network.classes).dump()});
  if (detector) writeDetections(project, r.name, r.network, boxes, predicted);
  else writePredictions(project, r.name, r.network, labels, predicted);
  tx.commit();
  out.predictedItems = static_cast<int>(predicted.size());
  return out;
}

}  // namespace loupe::storage
