#pragma once
// Helpers shared by the folder exporters (YOLO, VOC): which boxes belong to which image, the
// stable class order, and copying an image's media into the export.

#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/formats/dataset.h"

namespace loupe {

// Box annotations grouped by item name, in dataset order.
std::unordered_map<std::string, std::vector<const DatasetAnnotation*>> boxesByItem(const Dataset&);

// Dataset::classes followed by any class that only appears in box annotations (first use order),
// so an export never renumbers the classes the dataset already lists.
std::vector<std::string> exportClassOrder(const Dataset&);

// Writes the image's media to `file` (inline bytes, or a copy of the external file). Returns
// false when the image has no media.
bool writeMedia(const DatasetImage& image, const std::filesystem::path& file);

// Throws std::invalid_argument when two items would write the same label file.
void requireDistinctStems(const Dataset&, const char* format);

}  // namespace loupe
