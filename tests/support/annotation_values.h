#pragma once
// Annotation values for tests that fill a project through the storage API or build core values.

#include <optional>

#include "core/domain/types.h"

namespace loupe::test {

// An image label (no box) of `cls` on `item` by `labeler`, with a model's score when given.
inline Annotation imageLabel(Id item, Id labeler, Id cls, std::optional<double> score = std::nullopt) {
  Annotation a;
  a.itemId = item;
  a.labelerId = labeler;
  a.classId = cls;
  a.score = score;
  return a;
}

// A box of `cls` on `item` by `labeler`.
inline Annotation boxLabel(Id item, Id labeler, Id cls, Box box) {
  Annotation a = imageLabel(item, labeler, cls);
  a.kind = AnnotationKind::Box;
  a.box = box;
  return a;
}

}  // namespace loupe::test
