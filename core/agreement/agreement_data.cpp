#include "core/agreement/agreement_data.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/agreement/class_scale.h"

namespace loupe::agreement {

std::vector<LabeledBox> BoxTable::at(std::size_t unit, int rater) const {
  const std::size_t cell = unit * static_cast<std::size_t>(raters) + static_cast<std::size_t>(rater);
  return {boxes.begin() + static_cast<std::ptrdiff_t>(offsets[cell]),
          boxes.begin() + static_cast<std::ptrdiff_t>(offsets[cell + 1])};
}

std::size_t BoxTable::countAt(std::size_t unit, int rater) const {
  const std::size_t cell = unit * static_cast<std::size_t>(raters) + static_cast<std::size_t>(rater);
  return offsets[cell + 1] - offsets[cell];
}

namespace {

// Fills a BoxTable from (cell, box) entries with a counting sort on the cell index.
BoxTable boxTableFrom(int raters, std::size_t units, const std::vector<std::pair<std::size_t, LabeledBox>>& entries) {
  BoxTable t;
  t.raters = raters;
  const std::size_t cells = units * static_cast<std::size_t>(raters);
  t.offsets.assign(cells + 1, 0);
  for (const auto& e : entries) ++t.offsets[e.first + 1];
  for (std::size_t i = 0; i < cells; ++i) t.offsets[i + 1] += t.offsets[i];
  t.boxes.resize(entries.size());
  std::vector<std::size_t> next(t.offsets.begin(), t.offsets.end() - 1);
  for (const auto& e : entries) t.boxes[next[e.first]++] = e.second;
  return t;
}

}  // namespace

AgreementDataBuilder::AgreementDataBuilder(std::vector<Id> items, std::vector<Labeler> labelers,
                                           std::vector<ClassDef> classes) {
  data_.labelers = std::move(labelers);
  data_.classes = scaleOrder(std::move(classes));
  data_.items = std::move(items);
  unitOf_.reserve(data_.items.size());
  for (std::size_t i = 0; i < data_.items.size(); ++i) unitOf_.emplace(data_.items[i], i);
  for (std::size_t r = 0; r < data_.labelers.size(); ++r) raterOf_.emplace(data_.labelers[r].id, r);
  for (std::size_t c = 0; c < data_.classes.size(); ++c) categoryOf_.emplace(data_.classes[c].id, static_cast<int>(c));
  data_.labels.categories = static_cast<int>(data_.classes.size());
  data_.labels.raters = static_cast<int>(data_.labelers.size());
  data_.labels.values.assign(data_.items.size() * data_.labelers.size(), kMissing);
}

bool AgreementDataBuilder::cell(Id item, Id labeler, std::size_t& out) const {
  const auto u = unitOf_.find(item);
  const auto r = raterOf_.find(labeler);
  if (u == unitOf_.end() || r == raterOf_.end()) return false;
  out = u->second * data_.labelers.size() + r->second;
  return true;
}

int AgreementDataBuilder::category(Id classId) const {
  const auto c = categoryOf_.find(classId);
  if (c == categoryOf_.end()) throw std::invalid_argument("annotation refers to unknown class id " + std::to_string(classId));
  return c->second;
}

void AgreementDataBuilder::addImageLabel(Id item, Id labeler, Id classId) {
  std::size_t at = 0;
  if (!cell(item, labeler, at)) return;
  const int c = category(classId);
  int& v = data_.labels.values[at];
  if (v != kMissing) {
    ++multiLabel_;
    v = std::min(v, c);
  } else {
    v = c;
  }
}

void AgreementDataBuilder::addBox(Id item, Id labeler, Id classId, const Box& box) {
  std::size_t at = 0;
  if (!cell(item, labeler, at)) return;
  boxes_.push_back({at, {category(classId), box}});
}

AgreementData AgreementDataBuilder::finish() {
  data_.boxes = boxTableFrom(data_.labels.raters, data_.items.size(), boxes_);
  boxes_.clear();
  if (multiLabel_ > 0)
    data_.notes.push_back(std::to_string(multiLabel_) +
                          " extra image label(s) on items a labeler had already labeled: the first class in "
                          "class order was used");
  return std::move(data_);
}

AgreementData buildAgreementData(const std::vector<Id>& items, const std::vector<Labeler>& labelers,
                                 const std::vector<ClassDef>& classes,
                                 const std::vector<Annotation>& annotations) {
  AgreementDataBuilder builder(items, labelers, classes);
  for (const auto& a : annotations) {
    if (a.kind == AnnotationKind::Box)
      builder.addBox(a.itemId, a.labelerId, a.classId, a.box);
    else
      builder.addImageLabel(a.itemId, a.labelerId, a.classId);
  }
  return builder.finish();
}

AgreementData selectLabelers(const AgreementData& data, const std::vector<std::string>& names) {
  std::vector<std::size_t> cols;
  for (const auto& n : names) {
    const auto it = std::find_if(data.labelers.begin(), data.labelers.end(), [&](const Labeler& l) { return l.name == n; });
    if (it == data.labelers.end()) throw std::invalid_argument("unknown labeler '" + n + "'");
    cols.push_back(static_cast<std::size_t>(it - data.labelers.begin()));
  }
  AgreementData out;
  out.classes = data.classes;
  out.items = data.items;
  out.notes = data.notes;
  for (auto c : cols) out.labelers.push_back(data.labelers[c]);
  out.labels.categories = data.labels.categories;
  out.labels.raters = static_cast<int>(cols.size());
  const std::size_t units = data.items.size();
  out.labels.values.reserve(units * cols.size());
  std::vector<std::pair<std::size_t, LabeledBox>> entries;
  for (std::size_t u = 0; u < units; ++u)
    for (std::size_t k = 0; k < cols.size(); ++k) {
      out.labels.values.push_back(data.labels.at(u, static_cast<int>(cols[k])));
      for (const auto& b : data.boxes.at(u, static_cast<int>(cols[k]))) entries.push_back({u * cols.size() + k, b});
    }
  out.boxes = boxTableFrom(static_cast<int>(cols.size()), units, entries);
  return out;
}

AgreementData selectUnits(const AgreementData& data, const std::vector<std::size_t>& units) {
  AgreementData out;
  out.labelers = data.labelers;
  out.classes = data.classes;
  out.notes = data.notes;
  out.labels.categories = data.labels.categories;
  out.labels.raters = data.labels.raters;
  const int raters = data.labels.raters;
  std::vector<std::pair<std::size_t, LabeledBox>> entries;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::size_t u = units[i];
    if (u >= data.items.size()) throw std::invalid_argument("selectUnits: unit index out of range");
    out.items.push_back(data.items[u]);
    for (int r = 0; r < raters; ++r) {
      out.labels.values.push_back(data.labels.at(u, r));
      for (const auto& b : data.boxes.at(u, r)) entries.push_back({i * static_cast<std::size_t>(raters) + static_cast<std::size_t>(r), b});
    }
  }
  out.boxes = boxTableFrom(raters, units.size(), entries);
  return out;
}

AgreementData oneClassScope(const AgreementData& data, int category) {
  if (category < 0 || category >= static_cast<int>(data.classes.size()))
    throw std::invalid_argument("oneClassScope: class index out of range");
  AgreementData out;
  out.labelers = data.labelers;
  out.items = data.items;
  out.notes = data.notes;
  ClassDef other;
  other.id = -1;
  other.name = "(other)";
  out.classes = {other, data.classes[static_cast<std::size_t>(category)]};
  out.labels.categories = 2;
  out.labels.raters = data.labels.raters;
  out.labels.values.reserve(data.labels.values.size());
  for (int v : data.labels.values) out.labels.values.push_back(v == kMissing ? kMissing : (v == category ? 1 : 0));
  const int raters = data.boxes.raters;
  std::vector<std::pair<std::size_t, LabeledBox>> entries;
  for (std::size_t u = 0; u < data.boxes.units(); ++u)
    for (int r = 0; r < raters; ++r)
      for (const auto& b : data.boxes.at(u, r))
        if (b.category == category)
          entries.push_back({u * static_cast<std::size_t>(raters) + static_cast<std::size_t>(r), {1, b.box}});
  out.boxes = boxTableFrom(raters, data.items.size(), entries);
  return out;
}

std::size_t labeledUnits(const AgreementData& data) {
  std::size_t n = 0;
  for (std::size_t u = 0; u < data.items.size(); ++u) {
    bool any = false;
    for (int r = 0; r < data.labels.raters && !any; ++r)
      any = data.labels.at(u, r) != kMissing || data.boxes.countAt(u, r) > 0;
    if (any) ++n;
  }
  return n;
}

}  // namespace loupe::agreement
