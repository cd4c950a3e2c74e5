#include "storage/deploy/deployable_model.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "storage/project.h"

namespace loupe::storage {
namespace {

std::vector<std::string> labelsOf(const ModelRecord& m) {
  // A malformed label list only costs the class names on screen, not the deploy.
  const auto j = nlohmann::json::parse(m.labelsJson, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

}  // namespace

std::vector<std::string> deployableModelNames(const Project& project) {
  std::vector<std::string> names;
  for (const auto& m : project.models().all()) {  // newest first, without blobs
    if (std::find(names.begin(), names.end(), m.name) != names.end()) continue;
    const auto full = project.models().load(m.id);
    if (full && !full->int8Blob.empty()) names.push_back(m.name);
  }
  return names;
}

DeployableModel deployableModel(const Project& project, const std::string& name) {
  const std::string file = project.path().string();
  std::string known;
  for (const auto& m : project.models().all()) {  // newest first
    if (m.name == name) {
      auto full = project.models().load(m.id);
      if (!full || full->int8Blob.empty())
        throw std::runtime_error("model '" + name + "' in " + file + " has no int8 blob: quantize it first");
      return {name, std::move(full->int8Blob), labelsOf(*full)};
    }
    known += (known.empty() ? "" : ", ") + m.name;
  }
  throw std::runtime_error("no model named '" + name + "' in " + file +
                           (known.empty() ? std::string(" (it has no models)") : " (models: " + known + ")"));
}

DeployableModel deployableModel(const std::filesystem::path& path, const std::string& name) {
  return deployableModel(Project::open(path), name);
}

}  // namespace loupe::storage
