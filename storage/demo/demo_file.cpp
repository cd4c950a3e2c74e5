#include "storage/demo/demo_file.h"

#include <optional>
#include <system_error>

namespace loupe::storage::demo {

void writeDemoFile(const std::filesystem::path& path, const std::function<void(Project&)>& fill) {
  std::optional<Project> project(Project::create(path));
  try {
    Project::Transaction tx(*project);
    fill(*project);
    tx.commit();
  } catch (...) {
    project.reset();  // close the file before removing it
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
    throw;
  }
}

}  // namespace loupe::storage::demo
