#pragma once
// Pieces the classifier and detector training use cases share: the model's default name, its
// class list and the training curve as stored in the model's metrics.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/nn/trainer.h"
#include "storage/project.h"

namespace loupe::storage {

// "<arch>-<n>" with the first n no stored model uses.
std::string freeModelName(const storage::Project& project, const std::string& arch);
nlohmann::json curveJson(const std::vector<nn::EpochMetrics>& curve);
std::vector<std::string> classNames(const storage::Project& project);

}  // namespace loupe::storage
