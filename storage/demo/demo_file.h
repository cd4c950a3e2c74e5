#pragma once
// Creating a demo project file all or nothing: both demos fill a new file in one transaction and
// remove it again on any failure, so a half-built demo never stays behind.

#include <filesystem>
#include <functional>

#include "storage/project.h"

namespace loupe::storage::demo {

// Creates `path` (refusing to overwrite), calls `fill` inside one transaction and commits; on an
// exception closes and removes the file (and its -wal / -shm) and rethrows.
void writeDemoFile(const std::filesystem::path& path, const std::function<void(Project&)>& fill);

}  // namespace loupe::storage::demo
