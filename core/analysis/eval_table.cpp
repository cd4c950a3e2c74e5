#include "core/analysis/eval_table.h"

#include <algorithm>
#include <stdexcept>

namespace loupe::analysis {
namespace {

std::int32_t indexOf(const std::vector<std::string>& values, const std::string& v) {
  const auto it = std::find(values.begin(), values.end(), v);
  return it == values.end() ? -1 : static_cast<std::int32_t>(it - values.begin());
}

const LabelColumn* labelerNamed(const EvalTable& t, const std::string& name) {
  if (t.reference.name == name) return &t.reference;
  if (t.model.name == name) return &t.model;
  for (const auto& h : t.humans)
    if (h.name == name) return &h;
  return nullptr;
}

bool rowHasReferenceClass(const EvalTable& t, std::size_t row, std::int32_t cls) {
  if (t.task == TaskKind::Classification) return t.reference.label[row] == cls;
  const auto& boxes = t.reference.boxes[row];
  return std::any_of(boxes.begin(), boxes.end(), [cls](const ScoredBox& b) { return b.cls == cls; });
}

// Attributes whose key is a reserved field name live in the facet "attr:<key>".
const Facet& requireFacet(const EvalTable& t, SliceField field, const std::string& key) {
  const bool reserved = field == SliceField::Attribute && fieldOfKey(key, nullptr) != SliceField::Attribute;
  const Facet* f = t.facet(reserved ? "attr:" + key : key);
  if (!f) throw std::invalid_argument("no item has the attribute '" + key + "'");
  return *f;
}

RowSet rowsWhere(const EvalTable& t, const SliceCondition& c) {
  RowSet out;
  const auto n = t.rows();
  switch (c.field) {
    case SliceField::Class: {
      const auto cls = indexOf(t.classes, c.value);
      if (cls < 0) throw std::invalid_argument("unknown class '" + c.value + "'");
      for (std::size_t r = 0; r < n; ++r)
        if (rowHasReferenceClass(t, r, cls)) out.push_back(static_cast<std::uint32_t>(r));
      return out;
    }
    case SliceField::Labeler: {
      const LabelColumn* col = labelerNamed(t, c.value);
      if (!col) throw std::invalid_argument("unknown labeler '" + c.value + "'");
      for (std::size_t r = 0; r < n; ++r)
        if (col->hasLabel(r)) out.push_back(static_cast<std::uint32_t>(r));
      return out;
    }
    case SliceField::Split:
    case SliceField::Source:
    case SliceField::Attribute: {
      const Facet& f = requireFacet(t, c.field, c.key);
      const auto code = indexOf(f.values, c.value);
      if (code < 0) return out;  // a known key with a value no item has: an empty slice
      for (std::size_t r = 0; r < n; ++r)
        if (f.codes[r] == code) out.push_back(static_cast<std::uint32_t>(r));
      return out;
    }
  }
  return out;
}

}  // namespace

bool LabelColumn::hasLabel(std::size_t row) const {
  if (!label.empty()) return label[row] >= 0;
  return !labeled.empty() && labeled[row] != 0;
}

const Facet* EvalTable::facet(std::string_view key) const {
  for (const auto& f : facets)
    if (f.key == key) return &f;
  return nullptr;
}

RowSet intersectRows(const RowSet& a, const RowSet& b) {
  RowSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

RowSet selectRows(const EvalTable& table, const SliceDefinition& slice) {
  if (slice.all.empty()) {
    RowSet all(table.rows());
    for (std::size_t r = 0; r < all.size(); ++r) all[r] = static_cast<std::uint32_t>(r);
    return all;
  }
  RowSet rows = rowsWhere(table, slice.all.front());
  for (std::size_t i = 1; i < slice.all.size(); ++i) rows = intersectRows(rows, rowsWhere(table, slice.all[i]));
  return rows;
}

std::vector<SliceRows> groupRows(const EvalTable& table, std::string_view keyText) {
  std::string key;
  const SliceField field = fieldOfKey(keyText, &key);
  std::vector<SliceRows> groups;
  auto condition = [&](const std::string& value) {
    SliceRows g;
    g.slice.all.push_back({field, key, value});
    return g;
  };
  const auto n = table.rows();
  if (field == SliceField::Class) {
    for (const auto& c : table.classes) groups.push_back(condition(c));
    for (std::size_t r = 0; r < n; ++r) {
      if (table.task == TaskKind::Classification) {
        if (table.reference.label[r] >= 0) groups[table.reference.label[r]].rows.push_back(static_cast<std::uint32_t>(r));
        continue;
      }
      // A detection image belongs to the slice of every class it contains, once.
      std::vector<std::uint8_t> seen(table.classes.size(), 0);
      for (const auto& b : table.reference.boxes[r])
        if (!seen[b.cls]) {
          seen[b.cls] = 1;
          groups[b.cls].rows.push_back(static_cast<std::uint32_t>(r));
        }
    }
  } else if (field == SliceField::Labeler) {
    for (const auto& h : table.humans) {
      groups.push_back(condition(h.name));
      for (std::size_t r = 0; r < n; ++r)
        if (h.hasLabel(r)) groups.back().rows.push_back(static_cast<std::uint32_t>(r));
    }
  } else {
    const Facet& f = requireFacet(table, field, key);
    for (const auto& v : f.values) groups.push_back(condition(v));
    for (std::size_t r = 0; r < n; ++r)
      if (f.codes[r] >= 0) groups[f.codes[r]].rows.push_back(static_cast<std::uint32_t>(r));
  }
  std::erase_if(groups, [](const SliceRows& g) { return g.rows.empty(); });
  return groups;
}

std::vector<std::string> sliceKeys(const EvalTable& table) {
  std::vector<std::string> keys;
  if (table.facet("split")) keys.push_back("split");
  if (table.facet("source")) keys.push_back("source");
  keys.push_back("class");
  if (!table.humans.empty()) keys.push_back("labeler");
  for (const auto& f : table.facets)
    if (f.key != "split" && f.key != "source")
      keys.push_back(f.key);
  return keys;
}

}  // namespace loupe::analysis
