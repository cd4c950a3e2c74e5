#pragma once
// Creating a demo project file all or nothing: both demos fill a new file in one transaction and
// remove it again on any failure, so a half-built demo never stays behind.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "core/formats/dataset.h"
#include "storage/project.h"

namespace loupe::storage::demo {

// Creates `path` (refusing to overwrite), calls `fill` inside one transaction and commits; on an
// exception closes and removes the file (and its -wal / -shm) and rethrows.
void writeDemoFile(const std::filesystem::path& path, const std::function<void(Project&)>& fill);

// What a demo file says about itself and who labelled it.
struct DemoFacts {
  std::string name, description;
  std::string source;                 // items' source, e.g. "demo:fashion-mnist"
  std::filesystem::path sourceFile;   // the IDX folder it was drawn from
  std::vector<std::string> humans;    // simulated human labelers, after "reference"
};

// writeDemoFile of a demo dataset: the name and description, the labelers "reference" then the
// humans in order, and the dataset imported with its annotations as the reference's.
void writeDemoDataset(const std::filesystem::path& path, const DemoFacts& facts, const Dataset& dataset,
                      const Progress& progress);

}  // namespace loupe::storage::demo
