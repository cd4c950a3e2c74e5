// COCO detection JSON. Image ids are 1..N in dataset order; category ids are the file's own
// (Dataset::classFileIds) where known, new classes get the next free id (1 when there are none).
// COCO holds boxes only: image labels are not written (use CSV for them).

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "core/formats/atomic_output.h"
#include "core/formats/format_io.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

using nlohmann::ordered_json;

std::unordered_map<std::string, std::int64_t> categoryIds(const Dataset& dataset, std::vector<std::string>& order) {
  order = dataset.classes;
  for (const auto& a : dataset.annotations)
    if (a.kind == AnnotationKind::Box && std::find(order.begin(), order.end(), a.className) == order.end())
      order.push_back(a.className);
  std::unordered_map<std::string, std::int64_t> ids;
  std::int64_t next = 1;
  for (const auto& [name, id] : dataset.classFileIds) next = std::max(next, id + 1);
  for (const auto& name : order) {
    const auto known = dataset.classFileIds.find(name);
    ids[name] = known != dataset.classFileIds.end() ? known->second : next++;
  }
  return ids;
}

}  // namespace

void writeCoco(const Dataset& dataset, const std::filesystem::path& file, const Progress& progress) {
  ordered_json doc;
  doc["info"] = {{"description", "exported by Loupe"}};
  ordered_json images = ordered_json::array();
  std::unordered_map<std::string, std::int64_t> imageIds;
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    const auto& im = dataset.images[i];
    const auto id = static_cast<std::int64_t>(i + 1);
    imageIds[im.name] = id;
    images.push_back({{"id", id}, {"file_name", im.name}, {"width", im.width}, {"height", im.height}});
  }
  std::vector<std::string> order;
  const auto ids = categoryIds(dataset, order);
  ordered_json categories = ordered_json::array();
  for (const auto& name : order) categories.push_back({{"id", ids.at(name)}, {"name", name}});

  ordered_json annotations = ordered_json::array();
  std::int64_t nextId = 1;
  for (const auto& a : dataset.annotations) {
    if (a.kind != AnnotationKind::Box) continue;
    if ((nextId & 0xFFFF) == 0) progress(nextId, 0, "writing COCO");
    const auto image = imageIds.find(a.item);
    if (image == imageIds.end()) throw std::invalid_argument("COCO export: annotation of unknown item '" + a.item + "'");
    ordered_json out = {{"id", nextId++},
                        {"image_id", image->second},
                        {"category_id", ids.at(a.className)},
                        {"bbox", {a.box.x, a.box.y, a.box.w, a.box.h}}};
    const auto area = a.flags.find("area");
    const auto parsedArea = area != a.flags.end() ? parseDouble(area->second) : std::nullopt;
    out["area"] = parsedArea ? *parsedArea : a.box.w * a.box.h;
    const auto crowd = a.flags.find("iscrowd");
    out["iscrowd"] = (crowd != a.flags.end() && crowd->second == "1") ? 1 : 0;
    if (a.score) out["score"] = *a.score;
    annotations.push_back(std::move(out));
  }
  doc["images"] = std::move(images);
  doc["categories"] = std::move(categories);
  doc["annotations"] = std::move(annotations);
  writeFileAtomically(file, doc.dump());
}

}  // namespace loupe::formats
