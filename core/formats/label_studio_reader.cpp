// Label Studio JSON export (https://labelstud.io/guide/export#Label-Studio-JSON-format-of-annotated-tasks):
//   [{"data": {"image": "/data/upload/3/6b0a7f2c-a.png"},
//     "annotations": [{"completed_by": 7 | {"id": 7, "email": "..."}, "was_cancelled": false,
//                      "result": [{"type": "rectanglelabels", "original_width": W, "original_height": H,
//                                  "value": {"x", "y", "width", "height", "rotation", "rectanglelabels": [..]}},
//                                 {"type": "choices", "value": {"choices": [..]}}]}],
//     "predictions": [...]}]
// Box numbers are percentages of original_width/original_height: x_px = x * W / 100. Each
// annotator becomes a labeler. Parsed with nlohmann-json (Label Studio files are exported per
// project, far smaller than the COCO files simdjson is there for); json_locate finds the line of
// a rejected value.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/domain/names.h"
#include "core/formats/annotation_media.h"
#include "core/formats/box_checks.h"
#include "core/formats/format_io.h"
#include "core/formats/image_bytes.h"
#include "core/formats/item_names.h"
#include "core/formats/json_locate.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

using nlohmann::json;

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::null: return "null";
    default: return "a number";
  }
}

class LsFile {
 public:
  explicit LsFile(const std::filesystem::path& file) : file_(file.string()), text_(readTextFile(file)) {
    // nlohmann names neither line nor field for a number no double holds (1e309).
    if (const auto bad = findOutOfRangeNumber(text_))
      throw InputError({file_, lineOfOffset(text_, bad->offset), bad->path}, "number out of range");
    try {
      root_ = json::parse(text_);
    } catch (const json::parse_error& e) {
      std::string message = e.what();
      if (const auto pos = message.find("] "); pos != std::string::npos) message.erase(0, pos + 2);
      throw InputError({file_, lineOfOffset(text_, e.byte == 0 ? 0 : e.byte - 1)}, "malformed JSON: " + message);
    } catch (const json::exception& e) {
      throw InputError({file_}, std::string("malformed JSON: ") + e.what());
    }
  }

  const json& root() const { return root_; }
  const std::string& name() const { return file_; }

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    throw InputError({file_, lineOfJsonPath(text_, path), path}, message);
  }

  const json& member(const json& object, const char* key, const std::string& path) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(path, "missing");
    return *it;
  }

  const json& object(const json& v, const std::string& path) const {
    if (!v.is_object()) fail(path, "expected an object, found " + describe(v));
    return v;
  }

  const json& array(const json& v, const std::string& path) const {
    if (!v.is_array()) fail(path, "expected an array, found " + describe(v));
    return v;
  }

  std::string string(const json& v, const std::string& path) const {
    if (!v.is_string()) fail(path, "expected a string, found " + describe(v));
    return v.get<std::string>();
  }

  std::string name(const json& v, const std::string& path, NameKind kind) const {
    std::string s = string(v, path);
    if (std::string problem = nameProblem(s, kind); !problem.empty()) fail(path, problem);
    return s;
  }

  double number(const json& v, const std::string& path) const {
    if (!v.is_number()) fail(path, "expected a number, found " + describe(v));
    return v.get<double>();
  }

  // An integer, checked before any narrowing (4294967396 is an error, not 100).
  std::int64_t integerIn(const json& v, const std::string& path, std::int64_t lo, std::int64_t hi) const {
    std::int64_t value = 0;
    if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(hi)))
      value = v.get<std::int64_t>();
    else if (v.is_number_unsigned())
      fail(path, "number out of range: " + std::to_string(v.get<std::uint64_t>()) + " (expected " +
                     std::to_string(lo) + ".." + std::to_string(hi) + ")");
    else if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>() && std::abs(v.get<double>()) < 9e15)
      value = static_cast<std::int64_t>(v.get<double>());
    else
      fail(path, "expected an integer, found " + (v.is_number() ? formatDouble(v.get<double>()) : describe(v)));
    if (value < lo || value > hi)
      fail(path, "number out of range: " + std::to_string(value) + " (expected " + std::to_string(lo) + ".." +
                     std::to_string(hi) + ")");
    return value;
  }

 private:
  std::string file_;
  std::string text_;
  json root_;
};

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// What a task's data.image becomes: the item name, and the file name Label Studio stored the
// upload under (tried too when looking for the image, e.g. in a copy of its media folder).
struct ImageRef {
  std::string item;
  std::string storedFile;
};

// Label Studio's spellings of an image reference:
//  - "/data/upload/<project>/<8 hex>-<name>": an upload. The folder and the 8-hex-digit prefix
//    Label Studio adds to every uploaded file name are dropped: item "<name>".
//  - "/data/local-files/?d=<path>": local storage; item "<path>".
//  - "<scheme>://.../<name>[?query]": cloud storage or a URL; item "<name>", the last component.
//  - anything else is the item name itself (then checked like every name: relative, no "..").
ImageRef imageRef(const std::string& raw) {
  constexpr std::string_view kUpload = "/data/upload/", kLocal = "/data/local-files/?d=";
  const std::string_view s(raw);
  if (s.starts_with(kUpload)) {
    std::string_view rest = s.substr(kUpload.size());
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) rest = rest.substr(slash + 1);
    const std::string stored(rest);
    if (rest.size() > 9 && rest[8] == '-' && std::all_of(rest.begin(), rest.begin() + 8, isHex)) rest = rest.substr(9);
    return {std::string(rest), stored};
  }
  if (s.starts_with(kLocal)) return {std::string(s.substr(kLocal.size())), {}};
  if (const auto scheme = s.find("://"); scheme != std::string_view::npos) {
    std::string_view path = s.substr(scheme + 3);
    path = path.substr(0, path.find_first_of("?#"));
    const auto slash = path.rfind('/');
    return {std::string(slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1)), {}};
  }
  return {raw, {}};
}

class LsReader {
 public:
  explicit LsReader(const LsFile& f) : f_(f) {}

  void task(const json& t, const std::string& p, AnnotationMedia& media) {
    f_.object(t, p);
    const json& data = f_.object(f_.member(t, "data", p + ".data"), p + ".data");
    const std::string imagePath = p + ".data.image";
    const ImageRef ref = imageRef(f_.string(f_.member(data, "image", imagePath), imagePath));
    DatasetImage image;
    image.name = normalItemName(ref.item);
    if (std::string problem = itemNameProblem(image.name); !problem.empty()) f_.fail(imagePath, problem);
    if (const auto [it, inserted] = taskOf_.emplace(image.name, p); !inserted)
      f_.fail(imagePath, "'" + printableName(image.name) + "' is also the image of task " + it->second);
    image_ = &image;
    // Older exports call annotations "completions".
    const char* key = t.contains("annotations") ? "annotations" : t.contains("completions") ? "completions" : nullptr;
    if (key) {
      const std::string ap = p + "." + key;
      const json& list = f_.array(t.at(key), ap);
      for (std::size_t j = 0; j < list.size(); ++j) annotation(list[j], ap + "[" + std::to_string(j) + "]");
    }
    if (const auto pred = t.find("predictions"); pred != t.end() && !pred->is_null())
      predictions_ += f_.array(*pred, p + ".predictions").size();
    std::vector<std::string> files{image.name};
    if (!ref.storedFile.empty() && ref.storedFile != image.name && itemNameProblem(ref.storedFile).empty())
      files.push_back(ref.storedFile);
    media.attach(image, files, dataset_.warnings);
    image_ = nullptr;
    dataset_.images.push_back(std::move(image));
  }

  Dataset finish() {
    if (cancelled_)
      dataset_.warnings.push_back(f_.name() + ": " + std::to_string(cancelled_) + " cancelled annotations skipped");
    if (predictions_)
      dataset_.warnings.push_back(f_.name() + ": " + std::to_string(predictions_) +
                                  " predictions skipped (import model outputs as COCO results or CSV)");
    for (const auto& [type, count] : skippedTypes_)
      dataset_.warnings.push_back(f_.name() + ": " + std::to_string(count) + " results of type '" +
                                  printableName(type) + "' skipped (Loupe keeps rectanglelabels and choices)");
    return std::move(dataset_);
  }

 private:
  void annotation(const json& a, const std::string& ap) {
    f_.object(a, ap);
    if (const auto c = a.find("was_cancelled"); c != a.end() && !c->is_null()) {
      if (!c->is_boolean()) f_.fail(ap + ".was_cancelled", "expected a boolean, found " + describe(*c));
      if (c->get<bool>()) {
        ++cancelled_;
        return;
      }
    }
    const std::string labeler = annotator(a, ap);
    const std::string rp = ap + ".result";
    const json& results = f_.array(f_.member(a, "result", rp), rp);
    for (std::size_t k = 0; k < results.size(); ++k) result(results[k], rp + "[" + std::to_string(k) + "]", labeler);
  }

  // completed_by: a user id (-> "ls-<id>"), or the user object of older exports (its email,
  // else "ls-<id>"). Absent: the import's --labeler.
  std::string annotator(const json& a, const std::string& ap) const {
    const std::string path = ap + ".completed_by";
    const auto c = a.find("completed_by");
    if (c == a.end() || c->is_null()) return {};
    std::string name, field = path;
    if (c->is_number()) {
      name = "ls-" + std::to_string(f_.integerIn(*c, path, 0, std::numeric_limits<std::int64_t>::max()));
    } else if (c->is_object()) {
      if (const auto email = c->find("email"); email != c->end() && email->is_string() && !email->get<std::string>().empty())
        name = f_.string(*email, field = path + ".email");
      else
        name = "ls-" + std::to_string(f_.integerIn(f_.member(*c, "id", path + ".id"), path + ".id", 0,
                                                   std::numeric_limits<std::int64_t>::max()));
    } else {
      f_.fail(path, "expected a user id or a user object, found " + describe(*c));
    }
    if (std::string problem = nameProblem(name, NameKind::Labeler); !problem.empty()) f_.fail(field, problem);
    return name;
  }

  void result(const json& r, const std::string& rp, const std::string& labeler) {
    f_.object(r, rp);
    const std::string type = f_.string(f_.member(r, "type", rp + ".type"), rp + ".type");
    if (type != "rectanglelabels" && type != "choices") {
      ++skippedTypes_[type];
      return;
    }
    const std::string vp = rp + ".value";
    const json& value = f_.object(f_.member(r, "value", vp), vp);
    if (type == "choices") {
      const json& choices = f_.array(f_.member(value, "choices", vp + ".choices"), vp + ".choices");
      for (std::size_t i = 0; i < choices.size(); ++i)
        add({.item = image_->name,
             .className = f_.name(choices[i], vp + ".choices[" + std::to_string(i) + "]", NameKind::Class),
             .kind = AnnotationKind::ImageLabel,
             .labeler = labeler});
      return;
    }
    const auto [width, height] = originalSize(r, rp);
    // Rotation is around the box's top-left corner; a rotated box has no axis-aligned
    // equivalent, so it is refused rather than replaced by its envelope.
    for (const auto& [where, key] : {std::pair{&r, "image_rotation"}, std::pair{&value, "rotation"}})
      if (const auto it = where->find(key); it != where->end() && !it->is_null()) {
        const std::string path = (where == &r ? rp : vp) + "." + key;
        const double degrees = f_.number(*it, path);
        if (std::fmod(degrees, 360.0) != 0)
          f_.fail(path, "rotated box (" + formatDouble(degrees) +
                            " degrees): Loupe boxes are axis-aligned; set the rotation to 0 in Label Studio");
      }
    const auto percent = [&](const char* key, int side) {
      const std::string path = vp + "." + key;
      const double v = f_.number(f_.member(value, key, path), path);
      // Out of [0, 100] by more than the box rule's half-pixel tolerance.
      const double tolerance = 100.0 * kEdgeTolerancePx / side;
      if (!(v >= -tolerance && v <= 100 + tolerance))
        f_.fail(path, formatDouble(v) + " is not a percentage of the image size (expected 0..100)");
      return v * side / 100.0;
    };
    const Box box{percent("x", width), percent("y", height), percent("width", width), percent("height", height)};
    if (const auto fault = boxFault(box, width, height)) {
      static const char* const kKeys[] = {"x", "y", "width", "height"};
      f_.fail(vp + "." + kKeys[static_cast<int>(fault->part)], fault->message);
    }
    std::optional<double> score;
    if (const auto s = r.find("score"); s != r.end() && !s->is_null()) {
      score = f_.number(*s, rp + ".score");
      if (std::string problem = scoreProblem(*score); !problem.empty()) f_.fail(rp + ".score", problem);
    }
    const std::string lp = vp + ".rectanglelabels";
    const json& labels = f_.array(f_.member(value, "rectanglelabels", lp), lp);
    if (labels.empty()) f_.fail(lp, "no label");
    // A box with several labels (choice="multiple") is one box per label.
    for (std::size_t i = 0; i < labels.size(); ++i)
      add({.item = image_->name,
           .className = f_.name(labels[i], lp + "[" + std::to_string(i) + "]", NameKind::Class),
           .kind = AnnotationKind::Box,
           .box = box,
           .score = score,
           .labeler = labeler});
  }

  // The image size the percentages refer to; every result of a task must agree on it.
  std::pair<int, int> originalSize(const json& r, const std::string& rp) {
    int side[2];
    const char* keys[2] = {"original_width", "original_height"};
    for (int k = 0; k < 2; ++k)
      side[k] = static_cast<int>(f_.integerIn(f_.member(r, keys[k], rp + "." + keys[k]), rp + "." + keys[k], 1, kMaxImageSide));
    if (std::string problem = imageSizeProblem(side[0], side[1]); !problem.empty()) f_.fail(rp + ".original_width", problem);
    if (image_->width == 0) {
      image_->width = side[0];
      image_->height = side[1];
    } else if (image_->width != side[0] || image_->height != side[1]) {
      f_.fail(rp + ".original_width", "image size " + std::to_string(side[0]) + "x" + std::to_string(side[1]) +
                                          " differs from " + std::to_string(image_->width) + "x" +
                                          std::to_string(image_->height) + " in an earlier result of this task");
    }
    return {side[0], side[1]};
  }

  void add(DatasetAnnotation a) {
    if (knownClasses_.insert(a.className).second) dataset_.classes.push_back(a.className);
    dataset_.annotations.push_back(std::move(a));
  }

  const LsFile& f_;
  Dataset dataset_;
  DatasetImage* image_ = nullptr;  // the task being read
  std::unordered_map<std::string, std::string> taskOf_;
  std::unordered_set<std::string> knownClasses_;
  std::size_t cancelled_ = 0, predictions_ = 0;
  std::map<std::string, std::size_t> skippedTypes_;
};

}  // namespace

Dataset readLabelStudio(const std::filesystem::path& file, const ReadOptions& options, const Progress& progress) {
  if (isFolder(file)) throw InputError({file.string()}, "a folder (expected a Label Studio JSON file)");
  const LsFile f(file);
  if (!f.root().is_array())
    throw InputError({f.name(), 1, "(root)"},
                     "expected an array of Label Studio tasks, found " + describe(f.root()));
  LsReader reader(f);
  AnnotationMedia media(file, options);
  const json& tasks = f.root();
  const auto total = static_cast<std::int64_t>(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if ((i & 0xFF) == 0) progress(static_cast<std::int64_t>(i), total, "reading Label Studio tasks");
    reader.task(tasks[i], "[" + std::to_string(i) + "]", media);
  }
  return reader.finish();
}

}  // namespace loupe::formats
