#pragma once
// What the browser's filter bar asks for; the workspace translates it into a storage query.

#include <optional>
#include <string>

#include "core/domain/types.h"

namespace loupe::widgets {

struct BrowserFilter {
  std::string nameContains;
  std::optional<Split> split;
  std::optional<Id> classId;    // items with an annotation of this class (any labeler)
  std::optional<Id> labelerId;  // items this labeler annotated
  std::string attributeKey;     // with attributeValue: items whose attribute equals it
  std::string attributeValue;
  bool unlabeledOnly = false;   // no annotation by the current labeler
  bool reviewedOnly = false;
  bool unreviewedOnly = false;
  bool disagreementOnly = false;
  friend bool operator==(const BrowserFilter&, const BrowserFilter&) = default;
};

}  // namespace loupe::widgets
