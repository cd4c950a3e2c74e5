// CSV with a header line; the header's columns decide what the rows are:
//   item,labeler,label                   image labels
//   item,labeler,label,x,y,w,h[,score]   boxes (x,y,w,h all empty: an image label, e.g. a
//                                        classifier output with a score)
//   item,key,value                       item attributes
// Items get no media: a labels spreadsheet can be analysed on its own.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "core/formats/csv_table.h"
#include "core/formats/format_io.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

enum class Layout { Labels, Boxes, BoxesWithScore, Attributes };

const std::vector<std::string> kLabelsHeader{"item", "labeler", "label"};
const std::vector<std::string> kBoxesHeader{"item", "labeler", "label", "x", "y", "w", "h"};
const std::vector<std::string> kAttributesHeader{"item", "key", "value"};

Layout detectLayout(const std::vector<std::string>& header, const std::string& file) {
  std::vector<std::string> names;
  for (const auto& h : header) {
    std::string n(trimSpaces(h));
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    names.push_back(std::move(n));
  }
  if (names == kLabelsHeader) return Layout::Labels;
  if (names == kBoxesHeader) return Layout::Boxes;
  if (names == kAttributesHeader) return Layout::Attributes;
  auto withScore = kBoxesHeader;
  withScore.push_back("score");
  if (names == withScore) return Layout::BoxesWithScore;
  std::string got;
  for (const auto& n : header) got += (got.empty() ? "" : ",") + printableName(n);
  throw InputError({file, 1, "header"},
                   "unrecognised columns '" + got +
                       "' (expected item,labeler,label or item,labeler,label,x,y,w,h[,score] or "
                       "item,key,value)");
}

std::string columnList(Layout layout) {
  switch (layout) {
    case Layout::Labels: return "item,labeler,label";
    case Layout::Boxes: return "item,labeler,label,x,y,w,h";
    case Layout::BoxesWithScore: return "item,labeler,label,x,y,w,h,score";
    case Layout::Attributes: return "item,key,value";
  }
  return {};
}

class CsvBuilder {
 public:
  CsvBuilder(std::string file, const Progress& progress) : file_(std::move(file)), progress_(progress) {}

  void row(const std::vector<std::string>& f, int line) {
    if (!layout_) {
      layout_ = detectLayout(f, file_);
      expected_ = (*layout_ == Layout::BoxesWithScore) ? 8 : (*layout_ == Layout::Boxes ? 7 : 3);
      return;
    }
    if ((++rows_ & 0xFFF) == 0) progress_(rows_, 0, "reading CSV rows");
    if (f.size() != expected_)
      throw InputError({file_, line}, "expected " + std::to_string(expected_) + " columns (" +
                                          columnList(*layout_) + "), found " + std::to_string(f.size()));
    const std::string item = normalItemName(f[0]);
    requireSafeItemName(item, {file_, line, "column item"});
    const std::size_t imageIndex = imageFor(item);
    if (*layout_ == Layout::Attributes) {
      requireName(f[1], NameKind::AttributeKey, line, "column key");
      requireName(f[2], NameKind::AttributeValue, line, "column value");
      dataset_.images[imageIndex].attributes[f[1]] = f[2];
      return;
    }
    // An empty labeler column means "the labeler the import options give".
    if (!f[1].empty()) requireName(f[1], NameKind::Labeler, line, "column labeler");
    if (f[2].empty()) throw InputError({file_, line, "column label"}, "empty label");
    requireName(f[2], NameKind::Class, line, "column label");
    DatasetAnnotation a;
    a.item = item;
    a.labeler = f[1];
    a.className = f[2];
    a.sourceLine = line;
    noteClass(f[2]);
    if (*layout_ != Layout::Labels) readBoxColumns(f, line, a);
    dataset_.annotations.push_back(std::move(a));
  }

  Dataset finish() {
    if (!layout_) throw InputError({file_, 1, "header"}, "empty file: expected a header line");
    return std::move(dataset_);
  }

 private:
  void readBoxColumns(const std::vector<std::string>& f, int line, DatasetAnnotation& a) {
    static const char* const kNames[] = {"x", "y", "w", "h"};
    const bool allEmpty = std::all_of(f.begin() + 3, f.begin() + 7,
                                      [](const std::string& s) { return trimSpaces(s).empty(); });
    if (*layout_ == Layout::BoxesWithScore && !trimSpaces(f[7]).empty()) {
      const auto score = parseDouble(f[7]);
      if (!score) throw InputError({file_, line, "column score"}, "not a number: '" + printableName(f[7]) + "'");
      requireValidScore(*score, {file_, line, "column score"});
      a.score = *score;
    }
    if (allEmpty) return;  // an image label in the box layout
    double v[4];
    for (int k = 0; k < 4; ++k) {
      const auto parsed = parseDouble(f[3 + k]);
      if (!parsed)
        throw InputError({file_, line, std::string("column ") + kNames[k]}, "not a number: '" + printableName(f[3 + k]) + "'");
      if (std::abs(*parsed) > kMaxBoxCoordinate)
        throw InputError({file_, line, std::string("column ") + kNames[k]},
                         "number out of range: " + formatDouble(*parsed) + " (limit ±" + formatDouble(kMaxBoxCoordinate) + ")");
      v[k] = *parsed;
    }
    const Box box{v[0], v[1], v[2], v[3]};
    // The image size is unknown here (storage checks the far edges against the item's size).
    if (auto fault = boxFault(box, 0, 0))
      throw InputError({file_, line, std::string("column ") + kNames[static_cast<int>(fault->part)]}, fault->message);
    a.kind = AnnotationKind::Box;
    a.box = box;
  }

  void requireName(const std::string& name, NameKind kind, int line, const char* column) const {
    if (std::string problem = nameProblem(name, kind); !problem.empty()) throw InputError({file_, line, column}, problem);
  }

  std::size_t imageFor(const std::string& name) {
    const auto [it, inserted] = imageIndex_.try_emplace(name, dataset_.images.size());
    if (inserted) dataset_.images.push_back(DatasetImage{.name = name});
    return it->second;
  }

  void noteClass(const std::string& name) {
    if (knownClasses_.emplace(name, 0).second) dataset_.classes.push_back(name);
  }

  std::string file_;
  const Progress& progress_;
  std::optional<Layout> layout_;
  std::size_t expected_ = 0;
  std::int64_t rows_ = 0;
  Dataset dataset_;
  std::unordered_map<std::string, std::size_t> imageIndex_;
  std::unordered_map<std::string, int> knownClasses_;
};

}  // namespace

Dataset readCsv(const std::filesystem::path& file, const ReadOptions&, const Progress& progress) {
  const std::string text = readTextFile(file);
  CsvBuilder builder(file.string(), progress);
  parseCsv(text, file.string(), [&](const std::vector<std::string>& f, int line) { builder.row(f, line); });
  return builder.finish();
}

}  // namespace loupe::formats
