#pragma once
// Saved slices: named slice definitions (JSON, core/analysis/slice_definition.h). Reached as
// Project::slices().

#include <optional>
#include <string>
#include <vector>

#include "storage/records.h"

namespace loupe::storage {

class SliceStore {
 public:
  virtual ~SliceStore() = default;
  // Creates or replaces the slice called `name`.
  virtual SavedSlice save(const std::string& name, const std::string& definitionJson) = 0;
  // Ordered by name.
  virtual std::vector<SavedSlice> all() const = 0;
  virtual std::optional<SavedSlice> byName(const std::string& name) const = 0;
};

}  // namespace loupe::storage
