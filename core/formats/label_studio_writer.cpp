// Label Studio JSON tasks, importable by Label Studio with annotations: one task per item
// (data.image = the item name), one annotation per labeler, boxes as rectanglelabels in percent
// of original_width/original_height, image labels as choices. The result names match the
// labeling config <Image name="image" value="$image"/>, <RectangleLabels name="label"
// toName="image">, <Choices name="choice" toName="image">. JSON only: images stay where they are.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/formats/atomic_output.h"
#include "core/formats/format_io.h"

namespace loupe::formats {
namespace {

using ordered = nlohmann::ordered_json;

// The reader turns a numeric completed_by into "ls-<id>"; written back as that number.
ordered completedBy(const std::string& labeler) {
  if (labeler.size() > 3 && labeler.starts_with("ls-") && labeler.size() <= 21 &&
      labeler.find_first_not_of("0123456789", 3) == std::string::npos && (labeler[3] != '0' || labeler.size() == 4))
    return std::stoll(labeler.substr(3));
  return ordered{{"email", labeler}};
}

double percentOf(double px, int side) {
  const double v = px * 100.0 / side;
  if (!std::isfinite(v)) throw std::invalid_argument("Label Studio export: non-finite number");
  return v;
}

}  // namespace

void writeLabelStudio(const Dataset& dataset, const std::filesystem::path& file, const Progress& progress) {
  // Annotations of each item, grouped by labeler in first-use order.
  std::unordered_set<std::string> items;
  for (const auto& image : dataset.images) items.insert(image.name);
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::vector<const DatasetAnnotation*>>>> byItem;
  for (const auto& a : dataset.annotations) {
    if (!items.count(a.item))
      throw std::invalid_argument("Label Studio export: annotation of unknown item '" + a.item + "'");
    auto& labelers = byItem[a.item];
    auto it = std::find_if(labelers.begin(), labelers.end(), [&](const auto& l) { return l.first == a.labeler; });
    if (it == labelers.end()) it = labelers.insert(labelers.end(), {a.labeler, {}});
    it->second.push_back(&a);
  }
  ordered tasks = ordered::array();
  std::int64_t annotationId = 1, resultId = 1;
  const auto total = static_cast<std::int64_t>(dataset.images.size());
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    if ((i & 0xFF) == 0) progress(static_cast<std::int64_t>(i), total, "writing Label Studio");
    const DatasetImage& image = dataset.images[i];
    ordered annotations = ordered::array();
    if (const auto found = byItem.find(image.name); found != byItem.end())
      for (const auto& [labeler, list] : found->second) {
        ordered results = ordered::array();
        for (const DatasetAnnotation* a : list) {
          ordered r{{"id", "r" + std::to_string(resultId++)}};
          if (a->kind == AnnotationKind::ImageLabel) {
            r["type"] = "choices";
            r["from_name"] = "choice";
            r["to_name"] = "image";
            r["value"] = ordered{{"choices", ordered::array({a->className})}};
          } else {
            if (image.width <= 0 || image.height <= 0)
              throw std::invalid_argument("Label Studio export: item '" + image.name +
                                          "' has boxes but no known image size (percentages need it)");
            r["type"] = "rectanglelabels";
            r["from_name"] = "label";
            r["to_name"] = "image";
            r["original_width"] = image.width;
            r["original_height"] = image.height;
            r["image_rotation"] = 0;
            r["value"] = ordered{{"x", percentOf(a->box.x, image.width)},
                                 {"y", percentOf(a->box.y, image.height)},
                                 {"width", percentOf(a->box.w, image.width)},
                                 {"height", percentOf(a->box.h, image.height)},
                                 {"rotation", 0},
                                 {"rectanglelabels", ordered::array({a->className})}};
            if (a->score) r["score"] = *a->score;
          }
          results.push_back(std::move(r));
        }
        ordered annotation{{"id", annotationId++}};
        if (!labeler.empty()) annotation["completed_by"] = completedBy(labeler);
        annotation["was_cancelled"] = false;
        annotation["result"] = std::move(results);
        annotations.push_back(std::move(annotation));
      }
    tasks.push_back(ordered{{"id", static_cast<std::int64_t>(i + 1)},
                            {"data", {{"image", image.name}}},
                            {"annotations", std::move(annotations)},
                            {"predictions", ordered::array()}});
  }
  writeFileAtomically(file, tasks.dump(1) + "\n");
}

}  // namespace loupe::formats
