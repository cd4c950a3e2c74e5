#pragma once
// Everything the agreement metrics need about a project (or a slice of it), as plain tables
// indexed by unit (item), rater (labeler) and category (class in scale order). Built from the
// domain values storage returns, so core never touches the project file.

#include <cstddef>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/agreement/box_matching.h"
#include "core/agreement/rating_table.h"
#include "core/domain/types.h"

namespace loupe::agreement {

// Boxes per (unit, rater), stored contiguously.
struct BoxTable {
  int raters = 0;
  std::vector<std::size_t> offsets{0};  // (units * raters + 1) entries
  std::vector<LabeledBox> boxes;

  std::size_t units() const { return raters > 0 ? (offsets.size() - 1) / static_cast<std::size_t>(raters) : 0; }
  std::vector<LabeledBox> at(std::size_t unit, int rater) const;
  std::size_t countAt(std::size_t unit, int rater) const;
};

struct AgreementData {
  std::vector<Labeler> labelers;   // raters, in column order
  std::vector<ClassDef> classes;   // categories, in scale order
  std::vector<Id> items;           // units, in row order
  RatingTable labels;              // image labels
  BoxTable boxes;
  std::vector<std::string> notes;  // data conventions applied while building
};

// Builds the tables from streamed rows, so a million labels never exist as Annotation values.
// `classes` are put in scale order (class_scale.h). Rows by labelers or of items not listed are
// ignored; an unknown class id throws std::invalid_argument. When one labeler gave one item
// several image labels, the first in scale order counts and a note says how often that happened.
class AgreementDataBuilder {
 public:
  AgreementDataBuilder(std::vector<Id> items, std::vector<Labeler> labelers, std::vector<ClassDef> classes);
  void addImageLabel(Id item, Id labeler, Id classId);
  void addBox(Id item, Id labeler, Id classId, const Box& box);
  AgreementData finish();

 private:
  bool cell(Id item, Id labeler, std::size_t& out) const;
  int category(Id classId) const;

  AgreementData data_;
  std::unordered_map<Id, std::size_t> unitOf_, raterOf_;
  std::unordered_map<Id, int> categoryOf_;
  std::vector<std::pair<std::size_t, LabeledBox>> boxes_;
  std::size_t multiLabel_ = 0;
};

// The builder over a list of annotations (image labels and boxes).
AgreementData buildAgreementData(const std::vector<Id>& items, const std::vector<Labeler>& labelers,
                                 const std::vector<ClassDef>& classes,
                                 const std::vector<Annotation>& annotations);

// The same data restricted to some labelers (by name, in the given order). Throws
// std::invalid_argument naming an unknown labeler.
AgreementData selectLabelers(const AgreementData& data, const std::vector<std::string>& names);

// The same data restricted to some units (row indices).
AgreementData selectUnits(const AgreementData& data, const std::vector<std::size_t>& units);

// Per-class scope: image labels become "this class" (1) vs "another class" (0), and only boxes
// of this class are kept.
AgreementData oneClassScope(const AgreementData& data, int category);

// Units with at least one image label or box from any rater.
std::size_t labeledUnits(const AgreementData& data);

}  // namespace loupe::agreement
