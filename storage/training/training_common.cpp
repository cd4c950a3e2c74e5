#include "storage/training/training_common.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace loupe::storage {

std::string freeModelName(const storage::Project& project, const std::string& arch) {
  std::set<std::string> taken;
  for (const auto& m : project.models().all()) taken.insert(m.name);
  for (int n = 1;; ++n)
    if (!taken.count(arch + "-" + std::to_string(n))) return arch + "-" + std::to_string(n);
}

nlohmann::json curveJson(const std::vector<nn::EpochMetrics>& curve) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : curve)
    out.push_back({{"epoch", m.epoch},
                   {"train_loss", m.trainLoss},
                   {"train_accuracy", m.trainAccuracy},
                   {"val_loss", m.valLoss},
                   {"val_accuracy", m.valAccuracy},
                   {"seconds", m.seconds}});
  return out;
}

std::vector<std::string> classNames(const storage::Project& project) {
  std::vector<std::string> classes;
  for (const auto& c : project.classes().all()) classes.push_back(c.name);
  return classes;
}

namespace {

nlohmann::json trainOptionsJson(const nn::TrainOptions& o, bool withClassWeights) {
  nlohmann::json j = {{"optimizer", o.optimizer.kind == nn::OptimizerKind::Adam ? "adam" : "sgd"},
                      {"learning_rate", o.optimizer.learningRate},
                      {"weight_decay", o.optimizer.weightDecay},
                      {"batch_size", o.batchSize},
                      {"epochs", o.epochs},
                      {"patience", o.patience},
                      {"cosine_schedule", o.cosineSchedule},
                      {"seed", o.seed}};
  if (withClassWeights) j["class_weights"] = o.classWeights;
  return j;
}

}  // namespace

nlohmann::json trainedModelMetrics(const TrainOutcome& out, const nn::TrainOptions& o, bool withClassWeights) {
  return {{"train_items", out.trainItems},
          {"val_items", out.valItems},
          {"test_items", out.testItems},
          {"macs", out.macs},
          {"int8_bytes", out.int8Bytes},
          {"arena_bytes", out.arenaBytes},
          {"pingpong_arena_bytes", out.pingPongArenaBytes},
          {"epoch_seconds", out.meanEpochSeconds},
          {"best_epoch", out.result.bestEpoch},
          {"stopped_early", out.result.stoppedEarly},
          {"curve", curveJson(out.result.curve)},
          {"options", trainOptionsJson(o, withClassWeights)}};
}

double meanEpochSeconds(const std::vector<nn::EpochMetrics>& curve) {
  double seconds = 0;
  for (const auto& m : curve) seconds += m.seconds;
  return curve.empty() ? 0.0 : seconds / static_cast<double>(curve.size());
}

std::map<Id, int> modelClassIndex(const storage::Project& project, const std::vector<std::string>& classes) {
  std::map<Id, int> index;
  for (const auto& c : project.classes().all()) {
    const auto at = std::find(classes.begin(), classes.end(), c.name);
    if (at != classes.end()) index[c.id] = static_cast<int>(at - classes.begin());
  }
  return index;
}

void replaceModelOutputs(
    storage::Project& project, const std::string& labelerName, const std::vector<std::string>& networkClasses,
    const std::vector<Id>& onItems,
    const std::function<std::vector<Annotation>(Id labelerId, const std::vector<Id>& classIds)>& annotationsFor) {
  storage::Project::Transaction tx(project);
  std::vector<Id> classIds;
  for (const auto& name : networkClasses) classIds.push_back(project.classes().ensure(name).id);
  const Labeler labeler = project.labelers().ensure(labelerName, LabelerKind::Model);
  if (labeler.kind != LabelerKind::Model)
    throw std::invalid_argument("labeler '" + labelerName + "' exists and is not a model labeler");
  if (!onItems.empty())  // an empty list would mean "every item" to replace()
    project.annotations().replace(labeler.id, annotationsFor(labeler.id, classIds), onItems);
  tx.commit();
}

}  // namespace loupe::storage
