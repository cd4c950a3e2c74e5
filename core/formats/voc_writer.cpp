// Pascal VOC: OUT/Annotations/<item stem>.xml and OUT/JPEGImages/<item name> (when the item has
// media). Corners follow the pixel-corner convention of voc_reader.cpp: xmin = x + 1,
// xmax = x + w. VOC has no image labels: they are not written.

#include <pugixml.hpp>

#include <sstream>

#include "core/formats/atomic_output.h"
#include "core/formats/export_layout.h"
#include "core/formats/format_io.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

void addText(pugi::xml_node parent, const char* name, const std::string& value) {
  parent.append_child(name).text().set(value.c_str());
}

std::string flagOr(const DatasetAnnotation& a, const char* key, const char* fallback) {
  const auto it = a.flags.find(key);
  return it == a.flags.end() ? fallback : it->second;
}

std::string vocXml(const DatasetImage& image, const std::vector<const DatasetAnnotation*>& boxes) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("annotation");
  addText(root, "folder", "JPEGImages");
  addText(root, "filename", image.name);
  if (image.width > 0 && image.height > 0) {  // unknown for labels-only items: the reader then measures the image
    pugi::xml_node size = root.append_child("size");
    addText(size, "width", std::to_string(image.width));
    addText(size, "height", std::to_string(image.height));
    addText(size, "depth", "3");
  }
  addText(root, "segmented", "0");
  for (const DatasetAnnotation* a : boxes) {
    pugi::xml_node object = root.append_child("object");
    addText(object, "name", a->className);
    addText(object, "pose", flagOr(*a, "pose", "Unspecified"));
    addText(object, "truncated", flagOr(*a, "truncated", "0"));
    addText(object, "difficult", flagOr(*a, "difficult", "0"));
    if (a->flags.count("occluded")) addText(object, "occluded", a->flags.at("occluded"));
    if (a->score) addText(object, "score", formatDouble(*a->score));
    pugi::xml_node box = object.append_child("bndbox");
    addText(box, "xmin", formatDouble(a->box.x + 1));
    addText(box, "ymin", formatDouble(a->box.y + 1));
    addText(box, "xmax", formatDouble(a->box.x + a->box.w));
    addText(box, "ymax", formatDouble(a->box.y + a->box.h));
  }
  std::ostringstream out;
  doc.save(out, "  ");
  return std::move(out).str();
}

}  // namespace

void writeVoc(const Dataset& dataset, const std::filesystem::path& folder, const Progress& progress) {
  requireDistinctStems(dataset, "VOC");
  const auto boxes = boxesByItem(dataset);
  const std::vector<const DatasetAnnotation*> none;
  buildFolderAtomically(folder, [&](const std::filesystem::path& out) {
    const auto total = static_cast<std::int64_t>(dataset.images.size());
    for (std::size_t i = 0; i < dataset.images.size(); ++i) {
      progress(static_cast<std::int64_t>(i), total, "writing VOC");
      const DatasetImage& image = dataset.images[i];
      writeMedia(image, out / "JPEGImages" / image.name);
      const auto mine = boxes.find(image.name);
      writeWholeFile(out / "Annotations" / (withoutExtension(image.name) + ".xml"),
                     vocXml(image, mine == boxes.end() ? none : mine->second));
    }
  });
}

}  // namespace loupe::formats
