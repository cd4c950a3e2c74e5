// Writes annotations as one CSV in the layout the reader detects: image labels only ->
// item,labeler,label; any box or score -> item,labeler,label,x,y,w,h[,score] (image labels with
// empty x,y,w,h). Item attributes go to a sibling "<stem>.attributes.csv" (item,key,value).

#include <algorithm>

#include "core/formats/atomic_output.h"
#include "core/formats/csv_table.h"
#include "core/formats/format_io.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {
namespace {

void appendRow(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (auto f : fields) {
    if (!first) out.push_back(',');
    first = false;
    appendCsvField(out, f);
  }
  out.push_back('\n');
}

std::string annotationsCsv(const Dataset& dataset, const Progress& progress) {
  const bool anyBox = std::any_of(dataset.annotations.begin(), dataset.annotations.end(),
                                  [](const auto& a) { return a.kind == AnnotationKind::Box; });
  const bool anyScore = std::any_of(dataset.annotations.begin(), dataset.annotations.end(),
                                    [](const auto& a) { return a.score.has_value(); });
  std::string out;
  out.reserve(dataset.annotations.size() * 48);
  if (!anyBox && !anyScore) {
    out += "item,labeler,label\n";
    for (const auto& a : dataset.annotations) appendRow(out, {a.item, a.labeler, a.className});
    return out;
  }
  out += anyScore ? "item,labeler,label,x,y,w,h,score\n" : "item,labeler,label,x,y,w,h\n";
  std::int64_t done = 0;
  for (const auto& a : dataset.annotations) {
    if ((++done & 0xFFFF) == 0) progress(done, static_cast<std::int64_t>(dataset.annotations.size()), "writing CSV");
    const bool box = a.kind == AnnotationKind::Box;
    const std::string x = box ? formatDouble(a.box.x) : "", y = box ? formatDouble(a.box.y) : "",
                      w = box ? formatDouble(a.box.w) : "", h = box ? formatDouble(a.box.h) : "";
    if (anyScore)
      appendRow(out, {a.item, a.labeler, a.className, x, y, w, h, a.score ? formatDouble(*a.score) : ""});
    else
      appendRow(out, {a.item, a.labeler, a.className, x, y, w, h});
  }
  return out;
}

}  // namespace

std::filesystem::path csvAttributesPath(const std::filesystem::path& file) {
  return file.parent_path() / (file.stem().string() + ".attributes.csv");
}

void writeCsv(const Dataset& dataset, const std::filesystem::path& file, const Progress& progress) {
  writeFileAtomically(file, annotationsCsv(dataset, progress));
  std::string attributes;
  for (const auto& image : dataset.images)
    for (const auto& [key, value] : image.attributes) appendRow(attributes, {image.name, key, value});
  if (!attributes.empty()) writeFileAtomically(csvAttributesPath(file), "item,key,value\n" + attributes);
}

}  // namespace loupe::formats
