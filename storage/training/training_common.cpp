#include "storage/training/training_common.h"

#include <set>

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

}  // namespace loupe::storage
