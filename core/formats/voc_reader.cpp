// Pascal VOC: one XML per image (PATH/Annotations/*.xml, or any *.xml under PATH), images in
// PATH/JPEGImages, beside the XML, or in PATH.
// Convention (pixel-corner model): VOC corners are 1-based *inclusive* pixel indices, so a box
// covering pixels 1..W has xmin=1, xmax=W. Loupe's box is the area in pixel-corner coordinates:
//   x = xmin - 1,  y = ymin - 1,  w = xmax - xmin + 1,  h = ymax - ymin + 1
// and the writer inverts it exactly (xmin = x + 1, xmax = x + w).
// Flags kept when not the default: truncated=1, difficult=1, occluded=1, pose!=Unspecified.

#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "core/formats/image_bytes.h"
#include "core/formats/format_io.h"
#include "core/formats/image_file.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace fs = std::filesystem;

namespace loupe::formats {
namespace {

class VocFile {
 public:
  VocFile(fs::path file, std::string text) : file_(std::move(file)), text_(std::move(text)) {
    const pugi::xml_parse_result result = doc_.load_buffer(text_.data(), text_.size());
    if (!result)
      throw InputError({file_.string(), lineOfOffset(text_, static_cast<std::size_t>(result.offset))},
                       std::string("malformed XML: ") + result.description());
    root_ = doc_.child("annotation");
    if (!root_) throw InputError({file_.string(), 1, "<annotation>"}, "missing root element");
  }

  InputLocation where(const pugi::xml_node& node, const std::string& field) const {
    return {file_.string(), lineOfOffset(text_, static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, node.offset_debug()))),
            field};
  }

  std::string text(const pugi::xml_node& parent, const char* child, const std::string& field, bool required) const {
    const pugi::xml_node node = parent.child(child);
    if (!node) {
      if (required) throw InputError(where(parent, field), "missing");
      return {};
    }
    return std::string(trimSpaces(node.child_value()));
  }

  double number(const pugi::xml_node& parent, const char* child, const std::string& field) const {
    const std::string value = text(parent, child, field, true);
    const auto parsed = parseDouble(value);
    if (!parsed) throw InputError(where(parent.child(child), field), "not a number: '" + printableName(value) + "'");
    return *parsed;
  }

  // An image side: a whole number of pixels (640.0 is fine, 64.9 is not), range-checked before it
  // becomes an int.
  int side(const pugi::xml_node& size, const char* child, const std::string& field) const {
    const double value = number(size, child, field);
    if (value != std::floor(value)) throw InputError(where(size.child(child), field), "not a whole number of pixels: " + formatDouble(value));
    if (value < 1 || value > static_cast<double>(kMaxImageSide))
      throw InputError(where(size.child(child), field),
                       "number out of range: " + formatDouble(value) + " (expected 1.." + std::to_string(kMaxImageSide) + ")");
    return static_cast<int>(value);
  }

  std::string name(const pugi::xml_node& parent, const char* child, const std::string& field, NameKind kind) const {
    std::string value = text(parent, child, field, true);
    if (std::string problem = nameProblem(value, kind); !problem.empty())
      throw InputError(where(parent.child(child), field), problem);
    return value;
  }

  DatasetImage image() const {
    DatasetImage image;
    image.name = normalItemName(text(root_, "filename", "<filename>", true));
    requireSafeItemName(image.name, where(root_.child("filename"), "<filename>"));
    if (const pugi::xml_node size = root_.child("size")) {
      image.width = side(size, "width", "<size>/width");
      image.height = side(size, "height", "<size>/height");
      if (std::string problem = imageSizeProblem(image.width, image.height); !problem.empty())
        throw InputError(where(size, "<size>"), problem);
    }
    return image;
  }

  void objects(const DatasetImage& image, Dataset& dataset) const {
    int index = 0;
    for (const pugi::xml_node object : root_.children("object")) {
      const std::string field = "<object>[" + std::to_string(index++) + "]";
      DatasetAnnotation a;
      a.item = image.name;
      a.kind = AnnotationKind::Box;
      a.className = name(object, "name", field + "/name", NameKind::Class);
      const pugi::xml_node box = object.child("bndbox");
      if (!box) throw InputError(where(object, field + "/bndbox"), "missing");
      const double xmin = number(box, "xmin", field + "/bndbox/xmin"), ymin = number(box, "ymin", field + "/bndbox/ymin");
      const double xmax = number(box, "xmax", field + "/bndbox/xmax"), ymax = number(box, "ymax", field + "/bndbox/ymax");
      a.box = {xmin - 1, ymin - 1, xmax - xmin + 1, ymax - ymin + 1};
      const InputLocation at = where(box, field + "/bndbox");
      a.sourceLine = at.line;
      requireBoxInsideImage(a.box, image.width, image.height, at);
      for (const char* flag : {"truncated", "difficult", "occluded", "pose"}) {
        const std::string value = text(object, flag, field, false);
        if (value.empty() || value == "0" || (flag == std::string_view("pose") && value == "Unspecified")) continue;
        if (std::string problem = nameProblem(value, NameKind::AttributeValue); !problem.empty())
          throw InputError(where(object.child(flag), field + "/" + flag), problem);
        a.flags[flag] = value;
      }
      if (object.child("score")) {
        a.score = number(object, "score", field + "/score");
        requireValidScore(*a.score, where(object.child("score"), field + "/score"));
      }
      if (std::find(dataset.classes.begin(), dataset.classes.end(), a.className) == dataset.classes.end())
        dataset.classes.push_back(a.className);
      dataset.annotations.push_back(std::move(a));
    }
  }

  InputLocation fileLocation(const std::string& field) const { return where(root_, field); }

 private:
  fs::path file_;
  std::string text_;
  pugi::xml_document doc_;
  pugi::xml_node root_;
};

std::vector<fs::path> listXml(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    if (std::error_code statusError; it->is_regular_file(statusError) && it->path().extension() == ".xml")
      files.push_back(it->path());
  if (ec) throw InputError({folder.string()}, "cannot list folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Dataset readVoc(const fs::path& root, const ReadOptions& options, const Progress& progress) {
  if (!isFolder(root)) throw InputError({root.string()}, "not a folder");
  const fs::path xmlRoot = isFolder(root / "Annotations") ? root / "Annotations" : root;
  const std::vector<fs::path> files = listXml(xmlRoot);
  Dataset dataset;
  std::unordered_map<std::string, fs::path> seen;
  const auto total = static_cast<std::int64_t>(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress(static_cast<std::int64_t>(i), total, "reading VOC files");
    // An XML file is read like an image: never through a link out of the dataset.
    if (std::string problem = outsideRootProblem(root, files[i], options.followSymlinks); !problem.empty())
      throw InputError({files[i].string()}, problem);
    const VocFile voc(files[i], readTextFile(files[i]));
    DatasetImage image = voc.image();
    if (const auto [it, inserted] = seen.emplace(image.name, files[i]); !inserted)
      throw InputError(voc.fileLocation("<filename>"),
                       "'" + printableName(image.name) + "' is also described by " + printableName(it->second.string()));
    MediaLocator locator({root / "JPEGImages", files[i].parent_path(), root}, root, options.followSymlinks);
    const bool found = attachMediaIfPresent(image, locator, options.inlineMediaLimit, dataset.warnings);
    if (!found && image.width == 0)
      throw InputError(voc.fileLocation("<size>"), "missing, and the image file was not found to measure it");
    voc.objects(image, dataset);
    dataset.images.push_back(std::move(image));
  }
  progress(total, total, "reading VOC files");
  return dataset;
}

}  // namespace loupe::formats
