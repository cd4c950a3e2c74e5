#pragma once
// Labelers: humans, models, the reference (ground truth) and consensus. Reached as
// Project::labelers(); the rules of storage/project.h apply (one transaction per write, logged).

#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::storage {

class LabelerStore {
 public:
  virtual ~LabelerStore() = default;
  virtual Labeler add(const std::string& name, LabelerKind kind) = 0;
  // The labeler with this name, created with `kind` if absent (an existing one keeps its kind).
  virtual Labeler ensure(const std::string& name, LabelerKind kind) = 0;
  // In id order.
  virtual std::vector<Labeler> all() const = 0;
  virtual std::optional<Labeler> byId(Id id) const = 0;
  virtual std::optional<Labeler> byName(const std::string& name) const = 0;
};

}  // namespace loupe::storage
