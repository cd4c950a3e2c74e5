#pragma once
// The evaluated set in columns: one row per item that the reference labeler labeled, with the
// reference, model and human labels and the facets slices select on (split, source, attributes).
// Columns rather than per-item structs so a slice table over a million items is a few passes
// over flat arrays. Storage fills it; everything in core/analysis reads it.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/analysis/slice_definition.h"
#include "core/domain/types.h"

namespace loupe::analysis {

enum class TaskKind { Classification, Detection };

struct ScoredBox {
  std::int32_t cls = 0;  // index into EvalTable::classes
  Box box;
  double score = 1.0;    // model outputs; humans and the reference have 1
  bool crowd = false;    // COCO iscrowd: a region that matches many detections and never counts
};

struct LabelColumn {
  std::string name;
  LabelerKind kind = LabelerKind::Human;
  // Classification: class index per row, -1 where this labeler gave no label.
  std::vector<std::int32_t> label;
  // Detection: boxes per row, and whether the labeler labeled the row at all (an image with no
  // boxes is a valid answer only when the labeler looked at it).
  std::vector<std::vector<ScoredBox>> boxes;
  std::vector<std::uint8_t> labeled;

  bool hasLabel(std::size_t row) const;
};

// A categorical column: codes[row] indexes values, -1 = the item has no value for this key.
struct Facet {
  std::string key;
  std::vector<std::string> values;
  std::vector<std::int32_t> codes;
};

struct EvalTable {
  TaskKind task = TaskKind::Classification;
  std::vector<std::string> classes;
  std::vector<Id> itemIds;
  LabelColumn reference;
  LabelColumn model;
  std::vector<LabelColumn> humans;  // human labelers other than the reference
  std::vector<Facet> facets;        // "split", "source" and one per attribute key

  std::size_t rows() const { return itemIds.size(); }
  const Facet* facet(std::string_view key) const;
};

using RowSet = std::vector<std::uint32_t>;

// Rows matching every condition of the slice. Throws std::invalid_argument for an unknown
// class, labeler or attribute key (a typo should not read as an empty slice).
RowSet selectRows(const EvalTable& table, const SliceDefinition& slice);
RowSet intersectRows(const RowSet& a, const RowSet& b);  // both sorted

struct SliceRows {
  SliceDefinition slice;
  RowSet rows;
};

// One slice per value of `key` ("class", "split", "labeler", "source" or an attribute key),
// in one pass over the rows. Values are in the facet's order (classes in class order).
std::vector<SliceRows> groupRows(const EvalTable& table, std::string_view key);

// Every single-key grouping: split, source, class, labeler, then each attribute key.
std::vector<std::string> sliceKeys(const EvalTable& table);

}  // namespace loupe::analysis
