#pragma once
// Pieces the classifier and detector training use cases share: the model's default name, its
// class list and the training curve as stored in the model's metrics.

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/nn/trainer.h"
#include "storage/project.h"
#include "storage/training/model_training.h"

namespace loupe::storage {

// "<arch>-<n>" with the first n no stored model uses.
std::string freeModelName(const storage::Project& project, const std::string& arch);
nlohmann::json curveJson(const std::vector<nn::EpochMetrics>& curve);
// What every stored model's metrics hold, classifier or detector: items per split, size, arena,
// MACs, the epochs and curve, and the recipe ("options", with the loss weights for a detector).
// Each use case adds its own task's keys.
nlohmann::json trainedModelMetrics(const TrainOutcome& out, const nn::TrainOptions& o, bool withClassWeights = false);
// Mean wall time of the epochs run (0 when none ran).
double meanEpochSeconds(const std::vector<nn::EpochMetrics>& curve);
std::vector<std::string> classNames(const storage::Project& project);
// Project class id -> index of that class in a model's class list (classes it lacks are absent).
std::map<Id, int> modelClassIndex(const storage::Project& project, const std::vector<std::string>& classes);
// A model's outputs on `onItems` become the annotations of the model labeler `labelerName`, in
// one transaction that replaces what it had there: the network's classes are created when
// missing, and a labeler of that name that is not a model is refused. `annotationsFor` gets the
// labeler's id and the project's class id of each network class.
void replaceModelOutputs(
    storage::Project& project, const std::string& labelerName, const std::vector<std::string>& networkClasses,
    const std::vector<Id>& onItems,
    const std::function<std::vector<Annotation>(Id labelerId, const std::vector<Id>& classIds)>& annotationsFor);

}  // namespace loupe::storage
