#include "core/formats/export_layout.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_set>

#include "core/formats/atomic_output.h"
#include "core/formats/item_names.h"

namespace loupe {

std::unordered_map<std::string, std::vector<const DatasetAnnotation*>> boxesByItem(const Dataset& dataset) {
  std::unordered_map<std::string, std::vector<const DatasetAnnotation*>> out;
  for (const auto& a : dataset.annotations)
    if (a.kind == AnnotationKind::Box) out[a.item].push_back(&a);
  return out;
}

std::vector<std::string> exportClassOrder(const Dataset& dataset) {
  std::vector<std::string> order = dataset.classes;
  std::unordered_set<std::string> seen(order.begin(), order.end());
  for (const auto& a : dataset.annotations)
    if (a.kind == AnnotationKind::Box && seen.insert(a.className).second) order.push_back(a.className);
  return order;
}

bool writeMedia(const DatasetImage& image, const std::filesystem::path& file) {
  if (!image.media) return false;
  requireSafeItemName(image.name, {image.name});
  if (!image.media->bytes.empty()) {
    const auto& b = image.media->bytes;
    writeWholeFile(file, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
    return true;
  }
  if (image.media->externalPath.empty()) return false;
  std::filesystem::create_directories(file.parent_path());
  std::filesystem::copy_file(image.media->externalPath, file, std::filesystem::copy_options::overwrite_existing);
  return true;
}

void requireDistinctStems(const Dataset& dataset, const char* format) {
  std::unordered_map<std::string, const std::string*> stems;
  for (const auto& image : dataset.images) {
    requireSafeItemName(image.name, {image.name});
    const auto [it, inserted] = stems.emplace(withoutExtension(image.name), &image.name);
    if (!inserted)
      throw std::invalid_argument(std::string(format) + " export: items '" + *it->second + "' and '" + image.name +
                                  "' would share one label file");
  }
}

}  // namespace loupe
