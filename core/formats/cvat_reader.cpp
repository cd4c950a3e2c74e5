// CVAT for images 1.1 XML (https://docs.cvat.ai/docs/manual/advanced/xml_format/):
//   <annotations><version>1.1</version>
//     <meta><task|project|job>...<labels><label><name>car</name>...</label></labels>...</meta>
//     <image id="0" name="a.jpg" width="640" height="480" [subset="Train"]>
//       <box label="car" xtl ytl xbr ybr occluded="0" z_order="0" source="manual">
//         <attribute name="color">red</attribute></box>
//       <tag label="indoor"/>
//     </image>...</annotations>
// Box corners are absolute pixel coordinates of the corners (x = xtl, w = xbr - xtl). Files of
// several tasks or jobs merged into one are read as one list of images; every <labels> list in
// <meta> counts. CVAT records no annotator per shape: the labeler is the import's --labeler.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/domain/names.h"
#include "core/formats/annotation_media.h"
#include "core/formats/box_checks.h"
#include "core/formats/format_io.h"
#include "core/formats/image_bytes.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace fs = std::filesystem;

namespace loupe::formats {
namespace {

// Flag keys: "occluded", "z_order", "source", "group_id" and "attribute:<name>"; the writer
// writes them back. A box attribute named "score" is the annotation's score instead.
constexpr std::string_view kAttributePrefix = "attribute:";

class CvatFile {
 public:
  CvatFile(const fs::path& file, const ReadOptions& options)
      : file_(file.string()), text_(readTextFile(file)), media_(file, options) {
    const pugi::xml_parse_result result = doc_.load_buffer(text_.data(), text_.size());
    if (!result)
      throw InputError({file_, lineOfOffset(text_, static_cast<std::size_t>(result.offset))},
                       std::string("malformed XML: ") + result.description());
    root_ = doc_.child("annotations");
    if (!root_) throw InputError({file_, 1, "<annotations>"}, "missing root element");
    if (const pugi::xml_node version = root_.child("version"))
      if (const std::string v(trimSpaces(version.child_value())); v != "1.1")
        throw InputError(where(version, "<version>"), "unsupported version '" + printableName(v) + "' (expected 1.1)");
  }

  Dataset read(const Progress& progress) {
    readLabels();
    std::size_t index = 0, skippedTracks = 0;
    std::map<std::string, std::size_t> skippedShapes;
    for (const pugi::xml_node node : root_.children()) {
      if (node.name() == std::string_view("track")) ++skippedTracks;
      if (node.name() != std::string_view("image")) continue;
      if ((index & 0xFF) == 0) progress(static_cast<std::int64_t>(index), 0, "reading CVAT images");
      image(node, "<image>[" + std::to_string(index++) + "]", skippedShapes);
    }
    if (skippedTracks)
      dataset_.warnings.push_back(file_ + ": " + std::to_string(skippedTracks) +
                                  " tracks skipped (video annotations; Loupe reads CVAT for images)");
    for (const auto& [shape, count] : skippedShapes)
      dataset_.warnings.push_back(file_ + ": " + std::to_string(count) + " <" + shape +
                                  "> shapes skipped (Loupe keeps boxes and tags)");
    return std::move(dataset_);
  }

 private:
  InputLocation where(const pugi::xml_node& node, const std::string& field) const {
    return {file_, lineOfOffset(text_, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, node.offset_debug()))), field};
  }

  std::string attribute(const pugi::xml_node& node, const char* key, const std::string& field, bool required) const {
    const pugi::xml_attribute a = node.attribute(key);
    if (!a) {
      if (required) throw InputError(where(node, field + "/@" + key), "missing");
      return {};
    }
    return std::string(trimSpaces(a.value()));
  }

  double number(const pugi::xml_node& node, const char* key, const std::string& field) const {
    const std::string value = attribute(node, key, field, true);
    const auto parsed = parseDouble(value);
    if (!parsed) throw InputError(where(node, field + "/@" + key), "not a number: '" + printableName(value) + "'");
    return *parsed;
  }

  std::int64_t integer(const pugi::xml_node& node, const char* key, const std::string& field, std::int64_t lo,
                       std::int64_t hi) const {
    const std::string value = attribute(node, key, field, true);
    const auto parsed = parseInt(value);
    if (!parsed) throw InputError(where(node, field + "/@" + key), "not an integer: '" + printableName(value) + "'");
    if (*parsed < lo || *parsed > hi)
      throw InputError(where(node, field + "/@" + key), "number out of range: " + std::to_string(*parsed) + " (expected " +
                                                            std::to_string(lo) + ".." + std::to_string(hi) + ")");
    return *parsed;
  }

  // A label a shape names: a valid class name, and one of <meta>'s labels when it lists any.
  std::string label(const pugi::xml_node& node, const std::string& field) {
    std::string name = attribute(node, "label", field, true);
    if (std::string problem = nameProblem(name, NameKind::Class); !problem.empty())
      throw InputError(where(node, field + "/@label"), problem);
    if (!declared_.empty() && !declared_.count(name))
      throw InputError(where(node, field + "/@label"), "unknown label '" + printableName(name) + "' (not in <meta> labels)");
    if (declared_.empty() && used_.insert(name).second) dataset_.classes.push_back(name);
    return name;
  }

  // <meta>/<task|project|job>/<labels>/<label>/<name>, in file order; merged files repeat them.
  void readLabels() {
    const pugi::xml_node meta = root_.child("meta");
    for (const pugi::xml_node owner : meta.children())
      for (const pugi::xml_node label : owner.child("labels").children("label")) {
        const pugi::xml_node nameNode = label.child("name");
        if (!nameNode) throw InputError(where(label, "<meta>/<labels>/<label>/name"), "missing");
        const std::string name(trimSpaces(nameNode.child_value()));
        if (std::string problem = nameProblem(name, NameKind::Class); !problem.empty())
          throw InputError(where(nameNode, "<meta>/<labels>/<label>/name"), problem);
        if (declared_.insert(name).second) dataset_.classes.push_back(name);
      }
  }

  void image(const pugi::xml_node& node, const std::string& field, std::map<std::string, std::size_t>& skipped) {
    DatasetImage image;
    image.name = normalItemName(attribute(node, "name", field, true));
    requireSafeItemName(image.name, where(node, field + "/@name"));
    integer(node, "id", field, 0, std::numeric_limits<std::int64_t>::max());
    image.width = static_cast<int>(integer(node, "width", field, 0, kMaxImageSide));
    image.height = static_cast<int>(integer(node, "height", field, 0, kMaxImageSide));
    // 0 x 0 is how Loupe writes a labels-only item whose size is unknown.
    if (image.width != 0 || image.height != 0)
      if (std::string problem = imageSizeProblem(image.width, image.height); !problem.empty())
        throw InputError(where(node, field + "/@width"), problem);
    if (const auto [it, inserted] = lineOf_.emplace(image.name, where(node, "").line); !inserted)
      throw InputError(where(node, field + "/@name"),
                       "duplicate image name '" + printableName(image.name) + "' (also on line " + std::to_string(it->second) + ")");
    if (const std::string subset = attribute(node, "subset", field, false); !subset.empty()) split(image, subset, node, field);
    std::size_t b = 0, t = 0;
    for (const pugi::xml_node shape : node.children()) {
      const std::string_view kind = shape.name();
      if (kind == "box")
        box(shape, image, field + "/box[" + std::to_string(b++) + "]");
      else if (kind == "tag")
        dataset_.annotations.push_back({.item = image.name,
                                        .className = label(shape, field + "/tag[" + std::to_string(t++) + "]"),
                                        .kind = AnnotationKind::ImageLabel,
                                        .sourceLine = where(shape, "").line});
      else if (shape.type() == pugi::node_element)
        ++skipped[std::string(kind)];
    }
    media_.attach(image, {image.name}, dataset_.warnings);
    dataset_.images.push_back(std::move(image));
  }

  // CVAT project exports name each image's subset; Train/Validation/Test become splits, any other
  // subset is kept as the item attribute "subset".
  void split(DatasetImage& image, const std::string& subset, const pugi::xml_node& node, const std::string& field) const {
    std::string lower = subset;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "train") image.split = Split::Train;
    else if (lower == "validation" || lower == "val") image.split = Split::Val;
    else if (lower == "test") image.split = Split::Test;
    else if (lower != "default") {
      if (std::string problem = nameProblem(subset, NameKind::AttributeValue); !problem.empty())
        throw InputError(where(node, field + "/@subset"), problem);
      image.attributes["subset"] = subset;
    }
  }

  void box(const pugi::xml_node& node, const DatasetImage& image, const std::string& field) {
    DatasetAnnotation a;
    a.item = image.name;
    a.kind = AnnotationKind::Box;
    a.className = label(node, field);
    a.sourceLine = where(node, "").line;
    const double xtl = number(node, "xtl", field), ytl = number(node, "ytl", field);
    const double xbr = number(node, "xbr", field), ybr = number(node, "ybr", field);
    a.box = {xtl, ytl, xbr - xtl, ybr - ytl};
    if (const auto fault = boxFault(a.box, image.width, image.height)) {
      static const char* const kKeys[] = {"xtl", "ytl", "xbr", "ybr"};
      throw InputError(where(node, field + "/@" + kKeys[static_cast<int>(fault->part)]), fault->message);
    }
    // CVAT 2 rotates boxes about their centre; no axis-aligned box is the same, so refused.
    if (node.attribute("rotation"))
      if (const double degrees = number(node, "rotation", field); std::fmod(degrees, 360.0) != 0)
        throw InputError(where(node, field + "/@rotation"),
                         "rotated box (" + formatDouble(degrees) + " degrees): Loupe boxes are axis-aligned");
    if (node.attribute("occluded")) {
      const std::string occluded = attribute(node, "occluded", field, true);
      if (occluded != "0" && occluded != "1") throw InputError(where(node, field + "/@occluded"), "expected 0 or 1");
      if (occluded == "1") a.flags["occluded"] = "1";
    }
    for (const char* key : {"z_order", "group_id"})
      if (node.attribute(key))
        if (const auto v = integer(node, key, field, -1'000'000, 1'000'000); v != 0) a.flags[key] = std::to_string(v);
    if (const std::string source = attribute(node, "source", field, false); !source.empty() && source != "manual") {
      if (std::string problem = nameProblem(source, NameKind::AttributeValue); !problem.empty())
        throw InputError(where(node, field + "/@source"), problem);
      a.flags["source"] = source;
    }
    for (const pugi::xml_node attr : node.children("attribute")) {
      const std::string at = field + "/attribute";
      const std::string key = attribute(attr, "name", at, true);
      const std::string value(trimSpaces(attr.child_value()));
      if (key == "score") {
        const auto score = parseDouble(value);
        if (!score) throw InputError(where(attr, at + "[score]"), "not a number: '" + printableName(value) + "'");
        requireValidScore(*score, where(attr, at + "[score]"));
        a.score = *score;
        continue;
      }
      if (std::string problem = nameProblem(key, NameKind::AttributeKey); !problem.empty())
        throw InputError(where(attr, at + "/@name"), problem);
      if (std::string problem = nameProblem(value, NameKind::AttributeValue); !problem.empty())
        throw InputError(where(attr, at + "[" + printableName(key) + "]"), problem);
      a.flags[std::string(kAttributePrefix) + key] = value;
    }
    dataset_.annotations.push_back(std::move(a));
  }

  std::string file_;
  std::string text_;
  AnnotationMedia media_;
  pugi::xml_document doc_;
  pugi::xml_node root_;
  Dataset dataset_;
  std::unordered_set<std::string> declared_, used_;
  std::unordered_map<std::string, int> lineOf_;
};

}  // namespace

Dataset readCvat(const fs::path& file, const ReadOptions& options, const Progress& progress) {
  if (isFolder(file)) throw InputError({file.string()}, "a folder (expected a CVAT for images 1.1 XML file)");
  CvatFile cvat(file, options);
  return cvat.read(progress);
}

}  // namespace loupe::formats
