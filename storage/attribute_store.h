#pragma once
// Item attributes: key=value pairs, the raw material of slices. Reached as
// Project::attributes(); the rules of storage/project.h apply (one transaction per write, logged).

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/domain/types.h"

namespace loupe::storage {

class AttributeStore {
 public:
  virtual ~AttributeStore() = default;
  virtual void set(Id itemId, const std::string& key, const std::string& value) = 0;
  virtual void remove(Id itemId, const std::string& key) = 0;
  // The attributes of one item.
  virtual std::map<std::string, std::string> of(Id itemId) const = 0;
  virtual std::vector<std::string> keys() const = 0;
  // Distinct values of a key with how many items have each.
  virtual std::vector<std::pair<std::string, std::int64_t>> valueCounts(const std::string& key) const = 0;
  // Every item that has `key`, with its value, in item-id order.
  virtual std::vector<std::pair<Id, std::string>> values(const std::string& key) const = 0;
};

}  // namespace loupe::storage
