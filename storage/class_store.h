#pragma once
// Classes: name (unique), colour, hotkey and display order. Reached as Project::classes(); the
// rules of storage/project.h apply (one transaction per write, logged).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

namespace loupe::storage {

class ClassStore {
 public:
  virtual ~ClassStore() = default;
  // Empty color: the next colour of a fixed palette. Order: after the last class.
  virtual ClassDef add(const std::string& name, const std::string& color = {}, const std::string& hotkey = {}) = 0;
  virtual ClassDef ensure(const std::string& name) = 0;
  // Ordered by `order`.
  virtual std::vector<ClassDef> all() const = 0;
  virtual std::optional<ClassDef> byId(Id id) const = 0;
  virtual std::optional<ClassDef> byName(const std::string& name) const = 0;
  virtual void rename(Id id, const std::string& name) = 0;
  virtual void setColor(Id id, const std::string& color) = 0;
  // A hotkey belongs to at most one class: setting it clears it from any other class.
  virtual void setHotkey(Id id, const std::string& hotkey) = 0;
  // `orderedIds` must list every class exactly once; their orders become 0..n-1.
  virtual void reorder(const std::vector<Id>& orderedIds) = 0;
  // Moves every annotation of `from` to `into`, then removes `from`.
  virtual MergeResult merge(Id from, Id into) = 0;
  // Removes a class that has no annotations (throws otherwise).
  virtual void remove(Id id) = 0;
  // Puts back a removed class with its id, name, colour, hotkey and order (undo).
  virtual void restore(const ClassDef& cls) = 0;
  // COCO category id a class had in the file it was imported from.
  virtual std::optional<std::int64_t> fileId(Id id) const = 0;
  virtual void setFileId(Id id, std::optional<std::int64_t> fileId) = 0;
};

}  // namespace loupe::storage
