// COCO detection JSON. Image ids are 1..N in dataset order; category ids are the file's own
// (Dataset::classFileIds) where known, new classes get the next free id (1 when there are none).
// COCO holds boxes only: image labels are not written (use CSV for them).

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "core/formats/atomic_output.h"
#include "core/formats/format_io.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

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
  // Streamed rather than built as a JSON tree: 300,000 annotations as DOM nodes cost 4x the time.
  std::string out;
  out.reserve(128 * dataset.images.size() + 160 * dataset.annotations.size() + 256);
  const auto text = [&out](const std::string& s) { out += nlohmann::json(s).dump(); };
  const auto number = [&out](double v) {
    if (!std::isfinite(v)) throw std::invalid_argument("COCO export: non-finite number");
    out += formatDouble(v);
  };
  out += "{\"info\":{\"description\":\"exported by Loupe\"},\n\"images\":[";
  std::unordered_map<std::string, std::int64_t> imageIds;
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    const auto& im = dataset.images[i];
    const auto id = static_cast<std::int64_t>(i + 1);
    imageIds[im.name] = id;
    out += i ? ",\n{\"id\":" : "\n{\"id\":";
    out += std::to_string(id) + ",\"file_name\":";
    text(im.name);
    out += ",\"width\":" + std::to_string(im.width) + ",\"height\":" + std::to_string(im.height) + "}";
  }
  std::vector<std::string> order;
  const auto ids = categoryIds(dataset, order);
  out += "],\n\"categories\":[";
  for (std::size_t i = 0; i < order.size(); ++i) {
    out += i ? ",\n{\"id\":" : "\n{\"id\":";
    out += std::to_string(ids.at(order[i])) + ",\"name\":";
    text(order[i]);
    out += "}";
  }
  out += "],\n\"annotations\":[";
  std::int64_t nextId = 1;
  for (const auto& a : dataset.annotations) {
    if (a.kind != AnnotationKind::Box) continue;
    if ((nextId & 0xFFFF) == 0) progress(nextId, 0, "writing COCO");
    const auto image = imageIds.find(a.item);
    if (image == imageIds.end()) throw std::invalid_argument("COCO export: annotation of unknown item '" + a.item + "'");
    out += nextId > 1 ? ",\n{\"id\":" : "\n{\"id\":";
    out += std::to_string(nextId++) + ",\"image_id\":" + std::to_string(image->second) +
           ",\"category_id\":" + std::to_string(ids.at(a.className)) + ",\"bbox\":[";
    number(a.box.x);
    out += ',';
    number(a.box.y);
    out += ',';
    number(a.box.w);
    out += ',';
    number(a.box.h);
    out += "],\"area\":";
    const auto area = a.flags.find("area");
    const auto parsedArea = area != a.flags.end() ? parseDouble(area->second) : std::nullopt;
    number(parsedArea ? *parsedArea : a.box.w * a.box.h);
    const auto crowd = a.flags.find("iscrowd");
    out += (crowd != a.flags.end() && crowd->second == "1") ? ",\"iscrowd\":1" : ",\"iscrowd\":0";
    if (a.score) {
      out += ",\"score\":";
      number(*a.score);
    }
    out += '}';
  }
  out += "]}\n";
  writeFileAtomically(file, out);
}

}  // namespace loupe::formats
