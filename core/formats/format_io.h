#pragma once
// The per-format entry points behind registry.h. One reader and one writer file per format.

#include <filesystem>

#include "core/formats/registry.h"

namespace loupe::formats {

// Filesystem tests that never throw: a symbolic link loop or an unreadable path answers "no", and
// the reader then reports it by name, instead of a raw filesystem_error escaping.
inline bool isFolder(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}
inline bool isPresent(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::exists(p, ec);
}

Dataset readFolder(const std::filesystem::path& root, const ReadOptions&, const Progress&);
Dataset readCsv(const std::filesystem::path& file, const ReadOptions&, const Progress&);
Dataset readCoco(const std::filesystem::path& file, const ReadOptions&, const Progress&);
Dataset readYolo(const std::filesystem::path& root, const ReadOptions&, const Progress&);
Dataset readVoc(const std::filesystem::path& root, const ReadOptions&, const Progress&);
Dataset readIdx(const std::filesystem::path& folder, const ReadOptions&, const Progress&);
Dataset readLabelStudio(const std::filesystem::path& file, const ReadOptions&, const Progress&);
Dataset readCvat(const std::filesystem::path& file, const ReadOptions&, const Progress&);

// Sibling file the CSV writer puts item attributes in: "labels.csv" -> "labels.attributes.csv".
std::filesystem::path csvAttributesPath(const std::filesystem::path& file);

void writeCsv(const Dataset&, const std::filesystem::path& file, const Progress&);
void writeCoco(const Dataset&, const std::filesystem::path& file, const Progress&);
void writeYolo(const Dataset&, const std::filesystem::path& folder, const Progress&);
void writeVoc(const Dataset&, const std::filesystem::path& folder, const Progress&);
void writeLabelStudio(const Dataset&, const std::filesystem::path& file, const Progress&);
void writeCvat(const Dataset&, const std::filesystem::path& file, const Progress&);

}  // namespace loupe::formats
