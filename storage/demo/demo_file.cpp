#include "storage/demo/demo_file.h"

#include <optional>
#include <system_error>

#include "storage/transfer/import.h"

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

void writeDemoDataset(const std::filesystem::path& path, const DemoFacts& facts, const Dataset& dataset,
                      const Progress& progress) {
  writeDemoFile(path, [&](Project& project) {
    project.setMeta("name", facts.name);
    project.setMeta("description", facts.description);
    project.labelers().ensure("reference", LabelerKind::Reference);
    for (const auto& who : facts.humans) project.labelers().ensure(who, LabelerKind::Human);
    ImportOptions io;
    io.labeler = "reference";
    io.kind = LabelerKind::Reference;
    io.source = facts.source;
    io.sourceFile = facts.sourceFile.string();
    importDataset(project, dataset, io, progress);
  });
}

}  // namespace loupe::storage::demo
