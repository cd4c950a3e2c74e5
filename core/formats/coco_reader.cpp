// COCO object detection JSON (https://cocodataset.org/#format-data):
//   {"images":[{id,file_name,width,height}], "categories":[{id,name}],
//    "annotations":[{id,image_id,category_id,bbox:[x,y,w,h],area,iscrowd[,score]}]}
// and COCO results: a bare array of {image_id, category_id, bbox, score}, whose images and
// categories come from ReadOptions::cocoImagesFile. Category ids are kept exactly as written.
// Parsed with simdjson (the import benchmark is 300,000 boxes); nlohmann-json re-parses a
// malformed file only to word the error and find its line.

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <cmath>
#include <limits>
#include <memory>
#include <unordered_map>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "core/formats/image_bytes.h"
#include "core/formats/format_io.h"
#include "core/formats/image_file.h"
#include "core/formats/item_names.h"
#include "core/formats/json_locate.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

namespace dom = simdjson::dom;

// A JSON path such as annotations[3].bbox, spelled out only when an error needs it (building
// strings for every field of 300,000 annotations would dominate the read time).
struct JsonPath {
  const char* array;
  std::size_t index = std::string::npos;
  const char* key = nullptr;
  std::string str() const {
    std::string path = array;
    if (index != std::string::npos) path += "[" + std::to_string(index) + "]";
    if (key) path += std::string(".") + key;
    return path;
  }
};

JsonPath at(const char* array, std::size_t index, const char* key = nullptr) { return {array, index, key}; }

std::string describe(dom::element v) {
  switch (v.type()) {
    case dom::element_type::ARRAY: return "an array";
    case dom::element_type::OBJECT: return "an object";
    case dom::element_type::STRING: return "a string";
    case dom::element_type::BOOL: return "a boolean";
    case dom::element_type::NULL_VALUE: return "null";
    default: return "a number";
  }
}

// One parsed JSON file. simdjson's DOM lives in its parser, so each file keeps its own.
class JsonFile {
 public:
  explicit JsonFile(const std::filesystem::path& file) : file_(file.string()) {
    std::error_code ec;
    if (const auto size = std::filesystem::file_size(file, ec); !ec && size > kMaxTextFileBytes)
      throw InputError({file_}, "file is " + std::to_string(size) + " bytes, larger than the " +
                                    std::to_string(kMaxTextFileBytes) + "-byte limit");
    if (simdjson::padded_string::load(file_).get(padded_)) throw InputError({file_}, "cannot read file");
    // A leading UTF-8 BOM is skipped, as in every text format.
    if (const std::string_view all(padded_.data(), padded_.size()); withoutUtf8Bom(all).size() != all.size())
      padded_ = simdjson::padded_string(withoutUtf8Bom(all));
    text_ = std::string_view(padded_.data(), padded_.size());
    if (const auto error = parser_.parse(padded_).get(root_)) diagnose(error);
  }

  dom::element root() const { return root_; }
  const std::string& name() const { return file_; }

  [[noreturn]] void fail(const JsonPath& where, const std::string& message) const {
    const std::string path = where.str();
    throw InputError({file_, lineOfJsonPath(text_, path), path}, message);
  }

  dom::element member(dom::object object, const char* key, const JsonPath& where) const {
    dom::element v;
    if (object[key].get(v)) fail(where, "missing");
    return v;
  }

  dom::object object(dom::element v, const JsonPath& where) const {
    dom::object o;
    if (v.get(o)) fail(where, "expected an object, found " + describe(v));
    return o;
  }

  dom::array array(dom::element v, const JsonPath& where) const {
    dom::array a;
    if (v.get(a)) fail(where, "expected an array, found " + describe(v));
    return a;
  }

  // An integer in lo..hi: checked before any narrowing, so 4294967396 is an error, not 100.
  std::int64_t integerIn(dom::element v, const JsonPath& where, std::int64_t lo, std::int64_t hi) const {
    const std::int64_t value = integer(v, where);
    if (value < lo || value > hi)
      fail(where, "number out of range: " + std::to_string(value) + " (expected " + std::to_string(lo) + ".." +
                      std::to_string(hi) + ")");
    return value;
  }

  std::string_view name(dom::element v, const JsonPath& where, NameKind kind) const {
    const std::string_view s = string(v, where);
    if (std::string problem = nameProblem(s, kind); !problem.empty()) fail(where, problem);
    return s;
  }

  std::int64_t integer(dom::element v, const JsonPath& where) const {
    switch (v.type()) {
      case dom::element_type::INT64: return v.get_int64().value_unsafe();
      case dom::element_type::UINT64:
        if (v.get_uint64().value_unsafe() <= std::uint64_t(std::numeric_limits<std::int64_t>::max()))
          return static_cast<std::int64_t>(v.get_uint64().value_unsafe());
        break;
      case dom::element_type::DOUBLE: {
        const double d = v.get_double().value_unsafe();
        if (std::floor(d) == d && std::abs(d) < 9e15) return static_cast<std::int64_t>(d);
        break;
      }
      default: break;
    }
    fail(where, "expected an integer, found " + (v.is_string() ? describe(v) : simdjson::to_string(v)));
  }

  double number(dom::element v, const JsonPath& where) const {
    switch (v.type()) {
      case dom::element_type::INT64: return static_cast<double>(v.get_int64().value_unsafe());
      case dom::element_type::UINT64: return static_cast<double>(v.get_uint64().value_unsafe());
      case dom::element_type::DOUBLE: return v.get_double().value_unsafe();
      default: fail(where, "expected a number, found " + describe(v));
    }
  }

  std::string_view string(dom::element v, const JsonPath& where) const {
    std::string_view s;
    if (v.get(s)) fail(where, "expected a string, found " + describe(v));
    return s;
  }

 private:
  [[noreturn]] void diagnose(simdjson::error_code error) const {
    // Parsers name neither line nor field for a number no double can hold (1e309).
    if (const auto bad = findOutOfRangeNumber(text_))
      throw InputError({file_, lineOfOffset(text_, bad->offset), bad->path}, "number out of range");
    try {
      const nlohmann::json parsed = nlohmann::json::parse(text_.begin(), text_.end());
      static_cast<void>(parsed);
    } catch (const nlohmann::json::out_of_range&) {
      throw InputError({file_}, "malformed JSON: number out of range");
    } catch (const nlohmann::json::parse_error& e) {
      std::string message = e.what();
      if (const auto pos = message.find("] "); pos != std::string::npos) message.erase(0, pos + 2);
      throw InputError({file_, lineOfOffset(text_, e.byte == 0 ? 0 : e.byte - 1)}, "malformed JSON: " + message);
    }
    throw InputError({file_}, std::string("malformed JSON: ") + simdjson::error_message(error));
  }

  std::string file_;
  simdjson::padded_string padded_;
  std::string_view text_;  // the file's bytes, inside padded_
  dom::parser parser_;
  dom::element root_;
};

class CocoReader {
 public:
  void readCategories(const JsonFile& f, dom::object doc) {
    std::size_t i = 0;
    for (dom::element c : f.array(f.member(doc, "categories", {"categories"}), {"categories"})) {
      const dom::object category = f.object(c, at("categories", i));
      const std::int64_t id = f.integer(f.member(category, "id", at("categories", i, "id")), at("categories", i, "id"));
      const std::string name(f.name(f.member(category, "name", at("categories", i, "name")), at("categories", i, "name"), NameKind::Class));
      if (!classById_.emplace(id, name).second)
        f.fail(at("categories", i, "id"), "duplicate category id " + std::to_string(id));
      if (!dataset_.classFileIds.emplace(name, id).second)
        f.fail(at("categories", i, "name"), "duplicate category name '" + printableName(name) + "'");
      dataset_.classes.push_back(name);
      ++i;
    }
  }

  void readImages(const JsonFile& f, dom::object doc) {
    const dom::array images = f.array(f.member(doc, "images", {"images"}), {"images"});
    dataset_.images.reserve(images.size());
    std::unordered_map<std::string, std::size_t> names;
    std::size_t i = 0;
    for (dom::element e : images) {
      const dom::object im = f.object(e, at("images", i));
      const std::int64_t id = f.integer(f.member(im, "id", at("images", i, "id")), at("images", i, "id"));
      DatasetImage image;
      // "./a.png" and "a.png" are one file, so one item.
      image.name = normalItemName(f.string(f.member(im, "file_name", at("images", i, "file_name")), at("images", i, "file_name")));
      if (std::string problem = itemNameProblem(image.name); !problem.empty()) f.fail(at("images", i, "file_name"), problem);
      const auto side = [&](const char* key) {
        return static_cast<int>(f.integerIn(f.member(im, key, at("images", i, key)), at("images", i, key), 0, kMaxImageSide));
      };
      image.width = side("width");
      image.height = side("height");
      // 0 x 0 is how Loupe exports a labels-only item whose size is unknown.
      const bool unknownSize = image.width == 0 && image.height == 0;
      if (!unknownSize)
        if (std::string problem = imageSizeProblem(image.width, image.height); !problem.empty())
          f.fail(at("images", i, image.width <= 0 ? "width" : "height"), problem);
      if (!imageById_.emplace(id, dataset_.images.size()).second)
        f.fail(at("images", i, "id"), "duplicate image id " + std::to_string(id));
      if (!names.emplace(image.name, i).second)
        f.fail(at("images", i, "file_name"), "duplicate file_name '" + printableName(image.name) + "'");
      dataset_.images.push_back(std::move(image));
      ++i;
    }
  }

  void readAnnotations(const JsonFile& f, dom::array list, const char* arrayName, bool results, const Progress& progress) {
    const auto total = static_cast<std::int64_t>(list.size());
    dataset_.annotations.reserve(dataset_.annotations.size() + list.size());
    std::size_t segmented = 0, i = 0;
    for (dom::element e : list) {
      if ((i & 0xFFF) == 0) progress(static_cast<std::int64_t>(i), total, "reading COCO annotations");
      const dom::object a = f.object(e, at(arrayName, i));
      const std::int64_t imageId = f.integer(f.member(a, "image_id", at(arrayName, i, "image_id")), at(arrayName, i, "image_id"));
      const auto image = imageById_.find(imageId);
      if (image == imageById_.end()) f.fail(at(arrayName, i, "image_id"), "unknown image id " + std::to_string(imageId));
      const std::int64_t categoryId =
          f.integer(f.member(a, "category_id", at(arrayName, i, "category_id")), at(arrayName, i, "category_id"));
      const auto category = classById_.find(categoryId);
      if (category == classById_.end())
        f.fail(at(arrayName, i, "category_id"), "unknown category id " + std::to_string(categoryId));
      const JsonPath bboxPath = at(arrayName, i, "bbox");
      const dom::array bbox = f.array(f.member(a, "bbox", bboxPath), bboxPath);
      if (bbox.size() != 4) f.fail(bboxPath, "expected [x, y, width, height]");
      double v[4];
      int k = 0;
      for (dom::element n : bbox) v[k++] = f.number(n, bboxPath);
      const DatasetImage& img = dataset_.images[image->second];
      DatasetAnnotation out;
      out.item = img.name;
      out.className = category->second;
      out.kind = AnnotationKind::Box;
      out.box = {v[0], v[1], v[2], v[3]};
      try {
        requireBoxInsideImage(out.box, img.width, img.height, {});
      } catch (const InputError& error) {
        f.fail(bboxPath, error.message());
      }
      dom::element field;
      if (!a["score"].get(field)) {
        out.score = f.number(field, at(arrayName, i, "score"));
        if (std::string problem = scoreProblem(*out.score); !problem.empty()) f.fail(at(arrayName, i, "score"), problem);
      }
      else if (results)
        f.fail(at(arrayName, i, "score"), "missing (COCO results need a score)");
      if (!a["iscrowd"].get(field)) {
        const std::int64_t crowd = f.integer(field, at(arrayName, i, "iscrowd"));
        if (crowd != 0 && crowd != 1) f.fail(at(arrayName, i, "iscrowd"), "expected 0 or 1");
        if (crowd == 1) out.flags["iscrowd"] = "1";
      }
      if (!a["area"].get(field)) {
        // Boxes-only files write area = w*h; a different value is a segmentation area: keep it.
        const double area = f.number(field, at(arrayName, i, "area"));
        if (!std::isfinite(area) || area < 0 || area > kMaxBoxCoordinate * kMaxBoxCoordinate)
          f.fail(at(arrayName, i, "area"), "area " + formatDouble(area) + " is out of range (expected 0..1e12)");
        const double boxArea = out.box.w * out.box.h;
        if (std::abs(area - boxArea) > 1e-6 * std::max(1.0, boxArea)) out.flags["area"] = formatDouble(area);
      }
      if (!a["segmentation"].get(field) && !isEmpty(field)) ++segmented;
      dataset_.annotations.push_back(std::move(out));
      ++i;
    }
    if (segmented)
      dataset_.warnings.push_back(f.name() + ": " + std::to_string(segmented) +
                                  " segmentation masks ignored (Loupe keeps boxes)");
  }

  Dataset& dataset() { return dataset_; }

 private:
  static bool isEmpty(dom::element v) {
    dom::array a;
    dom::object o;
    if (!v.get(a)) return a.size() == 0;
    if (!v.get(o)) return o.size() == 0;
    return v.is_null();
  }

  Dataset dataset_;
  std::unordered_map<std::int64_t, std::string> classById_;
  std::unordered_map<std::int64_t, std::size_t> imageById_;
};

void attachMedia(Dataset& dataset, const std::filesystem::path& jsonFile, const ReadOptions& options,
                 const Progress& progress) {
  const std::filesystem::path dir = jsonFile.parent_path();
  MediaLocator locator({dir, dir / "images"}, dir.empty() ? "." : dir, options.followSymlinks);
  const auto total = static_cast<std::int64_t>(dataset.images.size());
  for (std::size_t i = 0; i < dataset.images.size(); ++i) {
    if ((i & 0xFF) == 0) progress(static_cast<std::int64_t>(i), total, "looking for COCO images");
    attachMediaIfPresent(dataset.images[i], locator, options.inlineMediaLimit, dataset.warnings);
  }
}

}  // namespace

Dataset readCoco(const std::filesystem::path& file, const ReadOptions& options, const Progress& progress) {
  const auto json = std::make_unique<JsonFile>(file);
  CocoReader reader;
  dom::array results;
  if (!json->root().get(results)) {
    if (options.cocoImagesFile.empty())
      throw InputError({file.string()}, "COCO results (a bare array) need the COCO file that defines their "
                                        "images and categories");
    // The images file's own annotations are ground truth, not these results: only its images
    // and categories are read.
    const auto images = std::make_unique<JsonFile>(options.cocoImagesFile);
    const dom::object doc = images->object(images->root(), {"(root)"});
    reader.readCategories(*images, doc);
    reader.readImages(*images, doc);
    reader.readAnnotations(*json, results, "results", true, progress);
    attachMedia(reader.dataset(), options.cocoImagesFile, options, progress);
    return std::move(reader.dataset());
  }
  const dom::object doc = json->object(json->root(), {"(root)"});
  reader.readCategories(*json, doc);
  reader.readImages(*json, doc);
  dom::element annotations;
  if (!doc["annotations"].get(annotations))
    reader.readAnnotations(*json, json->array(annotations, {"annotations"}), "annotations", false, progress);
  attachMedia(reader.dataset(), file, options, progress);
  return std::move(reader.dataset());
}

}  // namespace loupe::formats
