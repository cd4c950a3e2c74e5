// COCO object detection JSON (https://cocodataset.org/#format-data):
//   {"images":[{id,file_name,width,height}], "categories":[{id,name}],
//    "annotations":[{id,image_id,category_id,bbox:[x,y,w,h],area,iscrowd[,score]}]}
// and COCO results: a bare array of {image_id, category_id, bbox, score}, whose images and
// categories come from ReadOptions::cocoImagesFile. Category ids are kept exactly as written.

#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>

#include "core/formats/box_checks.h"
#include "core/formats/format_io.h"
#include "core/formats/image_file.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

using nlohmann::json;

std::string at(const char* array, std::size_t index, const char* key = nullptr) {
  std::string path = std::string(array) + "[" + std::to_string(index) + "]";
  if (key) path += std::string(".") + key;
  return path;
}

class CocoParser {
 public:
  explicit CocoParser(std::string file) : file_(std::move(file)) {}
  void setFile(std::string file) { file_ = std::move(file); }

  json parse(const std::string& text) const {
    try {
      return json::parse(text);
    } catch (const json::parse_error& e) {
      std::string message = e.what();
      if (const auto pos = message.find("] "); pos != std::string::npos) message.erase(0, pos + 2);
      throw InputError({file_, lineOfOffset(text, e.byte == 0 ? 0 : e.byte - 1)}, "malformed JSON: " + message);
    }
  }

  const json& member(const json& object, const char* key, const std::string& where) const {
    const auto it = object.find(key);
    if (it == object.end()) throw InputError({file_, 0, where}, "missing");
    return *it;
  }

  std::int64_t integer(const json& object, const char* key, const std::string& where) const {
    const json& v = member(object, key, where);
    if (v.is_number_integer()) return v.get<std::int64_t>();
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (std::floor(d) == d && std::abs(d) < 9e15) return static_cast<std::int64_t>(d);
    }
    throw InputError({file_, 0, where}, "expected an integer, found " + v.dump());
  }

  double number(const json& v, const std::string& where) const {
    if (!v.is_number()) throw InputError({file_, 0, where}, "expected a number, found " + v.dump());
    return v.get<double>();
  }

  const json& array(const json& doc, const char* key) const {
    const json& v = member(doc, key, key);
    if (!v.is_array()) throw InputError({file_, 0, key}, "expected an array");
    return v;
  }

  void readCategories(const json& doc, Dataset& dataset) {
    const json& categories = array(doc, "categories");
    for (std::size_t i = 0; i < categories.size(); ++i) {
      const json& c = categories[i];
      const std::int64_t id = integer(c, "id", at("categories", i, "id"));
      const json& name = member(c, "name", at("categories", i, "name"));
      if (!name.is_string() || name.get_ref<const std::string&>().empty())
        throw InputError({file_, 0, at("categories", i, "name")}, "expected a non-empty string");
      const std::string& n = name.get_ref<const std::string&>();
      if (!classById_.emplace(id, n).second)
        throw InputError({file_, 0, at("categories", i, "id")}, "duplicate category id " + std::to_string(id));
      if (dataset.classFileIds.count(n))
        throw InputError({file_, 0, at("categories", i, "name")}, "duplicate category name '" + n + "'");
      dataset.classes.push_back(n);
      dataset.classFileIds[n] = id;
    }
  }

  void readImages(const json& doc, Dataset& dataset) {
    const json& images = array(doc, "images");
    dataset.images.reserve(images.size());
    std::unordered_map<std::string, int> names;
    for (std::size_t i = 0; i < images.size(); ++i) {
      const json& im = images[i];
      const std::int64_t id = integer(im, "id", at("images", i, "id"));
      const json& name = member(im, "file_name", at("images", i, "file_name"));
      if (!name.is_string()) throw InputError({file_, 0, at("images", i, "file_name")}, "expected a string");
      DatasetImage image;
      image.name = name.get<std::string>();
      requireSafeItemName(image.name, {file_, 0, at("images", i, "file_name")});
      image.width = static_cast<int>(integer(im, "width", at("images", i, "width")));
      image.height = static_cast<int>(integer(im, "height", at("images", i, "height")));
      if (image.width <= 0 || image.height <= 0)
        throw InputError({file_, 0, at("images", i, "width")}, "image size must be positive");
      if (!imageById_.emplace(id, dataset.images.size()).second)
        throw InputError({file_, 0, at("images", i, "id")}, "duplicate image id " + std::to_string(id));
      if (!names.emplace(image.name, 0).second)
        throw InputError({file_, 0, at("images", i, "file_name")}, "duplicate file_name '" + image.name + "'");
      dataset.images.push_back(std::move(image));
    }
  }

  void readAnnotations(const json& list, const char* arrayName, bool requireScore, Dataset& dataset,
                       const Progress& progress) {
    dataset.annotations.reserve(dataset.annotations.size() + list.size());
    std::size_t segmented = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if ((i & 0xFFF) == 0) progress(static_cast<std::int64_t>(i), static_cast<std::int64_t>(list.size()), "reading COCO annotations");
      const json& a = list[i];
      if (!a.is_object()) throw InputError({file_, 0, at(arrayName, i)}, "expected an object");
      const std::int64_t imageId = integer(a, "image_id", at(arrayName, i, "image_id"));
      const auto image = imageById_.find(imageId);
      if (image == imageById_.end())
        throw InputError({file_, 0, at(arrayName, i, "image_id")}, "unknown image id " + std::to_string(imageId));
      const std::int64_t categoryId = integer(a, "category_id", at(arrayName, i, "category_id"));
      const auto category = classById_.find(categoryId);
      if (category == classById_.end())
        throw InputError({file_, 0, at(arrayName, i, "category_id")}, "unknown category id " + std::to_string(categoryId));
      const json& bbox = member(a, "bbox", at(arrayName, i, "bbox"));
      if (!bbox.is_array() || bbox.size() != 4)
        throw InputError({file_, 0, at(arrayName, i, "bbox")}, "expected [x, y, width, height]");
      const DatasetImage& img = dataset.images[image->second];
      DatasetAnnotation out;
      out.item = img.name;
      out.className = category->second;
      out.kind = AnnotationKind::Box;
      const std::string bboxPath = at(arrayName, i, "bbox");
      out.box = {number(bbox[0], bboxPath), number(bbox[1], bboxPath), number(bbox[2], bboxPath),
                 number(bbox[3], bboxPath)};
      requireBoxInsideImage(out.box, img.width, img.height, {file_, 0, bboxPath});
      if (const auto s = a.find("score"); s != a.end())
        out.score = number(*s, at(arrayName, i, "score"));
      else if (requireScore)
        throw InputError({file_, 0, at(arrayName, i, "score")}, "missing (COCO results need a score)");
      if (const auto c = a.find("iscrowd"); c != a.end()) {
        const std::int64_t crowd = integer(a, "iscrowd", at(arrayName, i, "iscrowd"));
        if (crowd != 0 && crowd != 1) throw InputError({file_, 0, at(arrayName, i, "iscrowd")}, "expected 0 or 1");
        if (crowd == 1) out.flags["iscrowd"] = "1";
      }
      if (const auto ar = a.find("area"); ar != a.end()) {
        // Boxes-only files write area = w*h; a different value is a segmentation area: keep it.
        const double area = number(*ar, at(arrayName, i, "area"));
        const double boxArea = out.box.w * out.box.h;
        if (std::abs(area - boxArea) > 1e-6 * std::max(1.0, boxArea)) out.flags["area"] = formatDouble(area);
      }
      if (const auto seg = a.find("segmentation"); seg != a.end() && !seg->empty()) ++segmented;
      dataset.annotations.push_back(std::move(out));
    }
    if (segmented)
      dataset.warnings.push_back(file_ + ": " + std::to_string(segmented) +
                                 " segmentation masks ignored (Loupe keeps boxes)");
  }

 private:
  std::string file_;
  std::unordered_map<std::int64_t, std::string> classById_;
  std::unordered_map<std::int64_t, std::size_t> imageById_;
};

void attachMedia(Dataset& dataset, const std::filesystem::path& jsonFile, const ReadOptions& options,
                 const Progress& progress) {
  const std::filesystem::path dir = jsonFile.parent_path();
  const std::vector<std::filesystem::path> folders{dir, dir / "images"};
  const auto total = static_cast<std::int64_t>(dataset.images.size());
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    if ((i & 0xFF) == 0) progress(static_cast<std::int64_t>(i), total, "looking for COCO images");
    attachMediaIfPresent(dataset.images[i], folders, options.inlineMediaLimit, dataset.warnings);
  }
}

}  // namespace

Dataset readCoco(const std::filesystem::path& file, const ReadOptions& options, const Progress& progress) {
  CocoParser parser(file.string());
  const json doc = parser.parse(readTextFile(file));
  Dataset dataset;
  if (doc.is_array()) {
    if (options.cocoImagesFile.empty())
      throw InputError({file.string()}, "COCO results (a bare array) need the COCO file that defines their "
                                        "images and categories");
    // The images file's own annotations are ground truth, not these results: only its images
    // and categories are read.
    parser.setFile(options.cocoImagesFile.string());
    const json images = parser.parse(readTextFile(options.cocoImagesFile));
    if (!images.is_object()) throw InputError({options.cocoImagesFile.string()}, "expected a COCO object");
    parser.readCategories(images, dataset);
    parser.readImages(images, dataset);
    parser.setFile(file.string());
    parser.readAnnotations(doc, "results", true, dataset, progress);
    attachMedia(dataset, options.cocoImagesFile, options, progress);
    return dataset;
  }
  if (!doc.is_object()) throw InputError({file.string()}, "expected a COCO object or a results array");
  parser.readCategories(doc, dataset);
  parser.readImages(doc, dataset);
  if (doc.contains("annotations")) parser.readAnnotations(parser.array(doc, "annotations"), "annotations", false, dataset, progress);
  attachMedia(dataset, file, options, progress);
  return dataset;
}

}  // namespace loupe::formats
