#pragma once
// The int8 models of a project that can go to the board, shared by `loupe device deploy|infer|
// flash` and the GUI device panel so both pick the same blob for the same name.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace loupe::storage {

class Project;

struct DeployableModel {
  std::string name;
  std::vector<std::uint8_t> int8Blob;
  std::vector<std::string> labels;  // class names in output order (empty when not recorded)
};

// Names of the models that have an int8 blob, newest first, each name once.
std::vector<std::string> deployableModelNames(const Project& project);

// The newest model called `name`. Throws std::runtime_error naming the project file when there
// is no such model (listing the ones there are) or it has no int8 blob.
DeployableModel deployableModel(const Project& project, const std::string& name);
// Same, opening the project file at `path` for the look-up.
DeployableModel deployableModel(const std::filesystem::path& path, const std::string& name);

}  // namespace loupe::storage
