#pragma once
// Trained models (float and int8 blobs with their metrics). Reached as Project::models().

#include <optional>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

namespace loupe::storage {

class ModelStore {
 public:
  virtual ~ModelStore() = default;
  // Stores a model (created = now when empty); returns its id.
  virtual Id store(const ModelRecord& model) = 0;
  // Every model without blobs, newest first.
  virtual std::vector<ModelRecord> all() const = 0;
  // One model with its blobs.
  virtual std::optional<ModelRecord> load(Id id) const = 0;
};

}  // namespace loupe::storage
