// CVAT for images 1.1 XML, as CVAT's "Upload annotations" accepts it: one <meta><task> listing
// every class as a label, then one <image> per item (ids 0..N-1 in dataset order) with its
// boxes (xtl = x, xbr = x + w) and image labels as <tag>. The flags cvat_reader keeps
// (occluded, z_order, source, group_id, attribute:<name>) are written back, a score as the box
// attribute "score". CVAT has no annotator per shape: every labeler's annotations are written
// (export one labeler to keep them apart). XML only: images stay where they are.

#include <pugixml.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "core/formats/atomic_output.h"
#include "core/formats/export_layout.h"
#include "core/formats/format_io.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

std::string flagOr(const DatasetAnnotation& a, const char* key, const char* fallback) {
  const auto it = a.flags.find(key);
  return it == a.flags.end() ? fallback : it->second;
}

const char* subsetOf(const DatasetImage& image) {
  if (!image.split) return nullptr;
  switch (*image.split) {
    case Split::Train: return "Train";
    case Split::Val: return "Validation";
    case Split::Test: return "Test";
    default: return nullptr;
  }
}

void writeBox(pugi::xml_node image, const DatasetAnnotation& a) {
  pugi::xml_node box = image.append_child("box");
  box.append_attribute("label").set_value(a.className.c_str());
  box.append_attribute("source").set_value(flagOr(a, "source", "manual").c_str());
  box.append_attribute("occluded").set_value(flagOr(a, "occluded", "0").c_str());
  box.append_attribute("xtl").set_value(formatDouble(a.box.x).c_str());
  box.append_attribute("ytl").set_value(formatDouble(a.box.y).c_str());
  box.append_attribute("xbr").set_value(formatDouble(a.box.x + a.box.w).c_str());
  box.append_attribute("ybr").set_value(formatDouble(a.box.y + a.box.h).c_str());
  box.append_attribute("z_order").set_value(flagOr(a, "z_order", "0").c_str());
  if (a.flags.count("group_id")) box.append_attribute("group_id").set_value(a.flags.at("group_id").c_str());
  constexpr std::string_view kPrefix = "attribute:";
  for (const auto& [key, value] : a.flags)
    if (key.starts_with(kPrefix)) {
      pugi::xml_node attr = box.append_child("attribute");
      attr.append_attribute("name").set_value(key.substr(kPrefix.size()).c_str());
      attr.text().set(value.c_str());
    }
  if (a.score) {
    pugi::xml_node attr = box.append_child("attribute");
    attr.append_attribute("name").set_value("score");
    attr.text().set(formatDouble(*a.score).c_str());
  }
}

}  // namespace

void writeCvat(const Dataset& dataset, const std::filesystem::path& file, const Progress& progress) {
  std::unordered_map<std::string, std::vector<const DatasetAnnotation*>> byItem;
  for (const auto& a : dataset.annotations) byItem[a.item].push_back(&a);
  // The label list: the stable class order of the other exporters, then image-label classes.
  std::vector<std::string> labels = exportClassOrder(dataset);
  for (const auto& a : dataset.annotations)
    if (std::find(labels.begin(), labels.end(), a.className) == labels.end()) labels.push_back(a.className);

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version").set_value("1.0");
  decl.append_attribute("encoding").set_value("utf-8");
  pugi::xml_node root = doc.append_child("annotations");
  root.append_child("version").text().set("1.1");
  pugi::xml_node task = root.append_child("meta").append_child("task");
  task.append_child("name").text().set("exported by Loupe");
  task.append_child("size").text().set(std::to_string(dataset.images.size()).c_str());
  task.append_child("mode").text().set("annotation");
  pugi::xml_node labelList = task.append_child("labels");
  for (const auto& name : labels) {
    pugi::xml_node label = labelList.append_child("label");
    label.append_child("name").text().set(name.c_str());
    label.append_child("type").text().set("any");
    label.append_child("attributes");
  }
  std::size_t written = 0;
  const auto total = static_cast<std::int64_t>(dataset.images.size());
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    if ((i & 0xFF) == 0) progress(static_cast<std::int64_t>(i), total, "writing CVAT");
    const DatasetImage& im = dataset.images[i];
    pugi::xml_node image = root.append_child("image");
    image.append_attribute("id").set_value(std::to_string(i).c_str());
    image.append_attribute("name").set_value(im.name.c_str());
    image.append_attribute("width").set_value(std::to_string(im.width).c_str());
    image.append_attribute("height").set_value(std::to_string(im.height).c_str());
    if (const char* subset = subsetOf(im)) image.append_attribute("subset").set_value(subset);
    else if (const auto it = im.attributes.find("subset"); it != im.attributes.end())
      image.append_attribute("subset").set_value(it->second.c_str());
    const auto mine = byItem.find(im.name);
    if (mine == byItem.end()) continue;
    for (const DatasetAnnotation* a : mine->second) {
      ++written;
      if (a->kind == AnnotationKind::Box) {
        writeBox(image, *a);
      } else {
        pugi::xml_node tag = image.append_child("tag");
        tag.append_attribute("label").set_value(a->className.c_str());
        tag.append_attribute("source").set_value("manual");
      }
    }
  }
  if (written != dataset.annotations.size())
    for (const auto& a : dataset.annotations)
      if (std::none_of(dataset.images.begin(), dataset.images.end(), [&](const DatasetImage& im) { return im.name == a.item; }))
        throw std::invalid_argument("CVAT export: annotation of unknown item '" + a.item + "'");
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  writeFileAtomically(file, std::move(out).str());
}

}  // namespace loupe::formats
