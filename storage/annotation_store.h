#pragma once
// Annotations: image labels and boxes, each by one labeler on one item. Reached as
// Project::annotations(); the rules of storage/project.h apply (one transaction per write, logged).

#include <optional>
#include <stdexcept>
#include <vector>

#include "core/domain/types.h"

namespace loupe::storage {

// The rows an edit (usually an undo) would write are no longer as it left them: another process
// changed or removed them. The edit was not applied.
class EditConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AnnotationStore {
 public:
  virtual ~AnnotationStore() = default;
  // `a.id`, created and updated are ignored; returns the stored annotation.
  virtual Annotation add(const Annotation& a) = 0;
  virtual std::optional<Annotation> byId(Id id) const = 0;
  // Annotations of an item (by one labeler when given), ordered by id.
  virtual std::vector<Annotation> of(Id itemId, std::optional<Id> labelerId = std::nullopt) const = 0;
  virtual void setClass(Id id, Id classId) = 0;
  virtual void setBox(Id id, const Box& box) = 0;
  // Returns what was deleted so an undo can restore it.
  virtual Annotation remove(Id id) = 0;
  // Re-inserts a deleted annotation with its original id and timestamps (undo).
  virtual void restore(const Annotation& a) = 0;
  // Replaces every annotation of `labelerId` on the given items (all items when empty) with
  // `annotations`, in one transaction: how model predictions are written.
  virtual void replace(Id labelerId, const std::vector<Annotation>& annotations, const std::vector<Id>& onItems = {}) = 0;
  // Throws EditConflict unless annotation `expected.id` exists with the item, labeler, class,
  // kind, box and score of `expected`. An undo calls it inside its transaction so it never
  // writes over what another process changed since.
  virtual void require(const Annotation& expected) const = 0;
};

}  // namespace loupe::storage
