#pragma once
// A slice is an AND of conditions on an item: an attribute value, the reference class, the
// split, a labeler who labeled it, or its source. Definitions are plain values that round-trip
// through JSON, so saved slices can be stored by name and reloaded.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace loupe::analysis {

enum class SliceField { Attribute, Class, Split, Labeler, Source };

struct SliceCondition {
  SliceField field = SliceField::Attribute;
  std::string key;    // attribute key; for the other fields the field's own name
  std::string value;
  friend bool operator==(const SliceCondition&, const SliceCondition&) = default;
};

struct SliceDefinition {
  std::string name;                     // empty: described by its conditions
  std::vector<SliceCondition> all;      // every condition must hold; empty = the whole set
  friend bool operator==(const SliceDefinition&, const SliceDefinition&) = default;
};

// "class", "split", "labeler" and "source" name those fields; any other key is an attribute.
// An attribute that shares a reserved name is written "attr:class".
SliceField fieldOfKey(std::string_view key, std::string* attributeKey);

// Parses "KEY=VALUE"; throws std::invalid_argument naming the text when there is no '='.
SliceCondition parseCondition(std::string_view text);
// Parses "K1=V1&K2=V2" (AND); empty text is the whole set.
SliceDefinition parseSlice(std::string_view text);

// "class=shirt AND split=test", or "all" for the whole set. The name, when set, wins.
std::string describe(const SliceDefinition& slice);
std::string describe(const SliceCondition& condition);

nlohmann::json toJson(const SliceDefinition& slice);
// Throws std::invalid_argument naming the missing or malformed field.
SliceDefinition sliceFromJson(const nlohmann::json& json);

}  // namespace loupe::analysis
