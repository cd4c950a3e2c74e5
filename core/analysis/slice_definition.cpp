#include "core/analysis/slice_definition.h"

#include <array>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

namespace loupe::analysis {
namespace {

constexpr std::array<std::pair<SliceField, std::string_view>, 5> kFields{{
    {SliceField::Attribute, "attribute"},
    {SliceField::Class, "class"},
    {SliceField::Split, "split"},
    {SliceField::Labeler, "labeler"},
    {SliceField::Source, "source"},
}};

std::string_view fieldName(SliceField f) {
  for (const auto& [field, name] : kFields)
    if (field == f) return name;
  return "attribute";
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

SliceField fieldOfKey(std::string_view key, std::string* attributeKey) {
  constexpr std::string_view kAttrPrefix = "attr:";
  if (key.starts_with(kAttrPrefix)) {
    if (attributeKey) *attributeKey = std::string(key.substr(kAttrPrefix.size()));
    return SliceField::Attribute;
  }
  for (const auto& [field, name] : kFields)
    if (field != SliceField::Attribute && name == key) {
      if (attributeKey) *attributeKey = std::string(name);
      return field;
    }
  if (attributeKey) *attributeKey = std::string(key);
  return SliceField::Attribute;
}

SliceCondition parseCondition(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || trim(text.substr(0, eq)).empty())
    throw std::invalid_argument("slice condition '" + std::string(text) + "' is not KEY=VALUE");
  SliceCondition c;
  c.field = fieldOfKey(trim(text.substr(0, eq)), &c.key);
  c.value = trim(text.substr(eq + 1));
  return c;
}

SliceDefinition parseSlice(std::string_view text) {
  SliceDefinition slice;
  while (!trim(text).empty()) {
    const auto amp = text.find('&');
    slice.all.push_back(parseCondition(text.substr(0, amp)));
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return slice;
}

std::string describe(const SliceCondition& c) {
  const bool reserved = c.field == SliceField::Attribute &&
                        fieldOfKey(c.key, nullptr) != SliceField::Attribute;
  return (reserved ? "attr:" : "") + c.key + "=" + c.value;
}

std::string describe(const SliceDefinition& slice) {
  if (!slice.name.empty()) return slice.name;
  if (slice.all.empty()) return "all";
  std::string out;
  for (const auto& c : slice.all) {
    if (!out.empty()) out += " AND ";
    out += describe(c);
  }
  return out;
}

nlohmann::json toJson(const SliceDefinition& slice) {
  nlohmann::json conditions = nlohmann::json::array();
  for (const auto& c : slice.all)
    conditions.push_back({{"field", fieldName(c.field)}, {"key", c.key}, {"value", c.value}});
  return {{"name", slice.name}, {"all", conditions}};
}

SliceDefinition sliceFromJson(const nlohmann::json& json) {
  auto need = [](const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.is_object() || !j.contains(key) || !j.at(key).is_string())
      throw std::invalid_argument("saved slice: " + where + key + ": missing or not a string");
    return j.at(key).get<std::string>();
  };
  SliceDefinition slice;
  slice.name = need(json, "name", "");
  if (!json.contains("all") || !json.at("all").is_array())
    throw std::invalid_argument("saved slice: all: missing or not an array");
  std::size_t i = 0;
  for (const auto& c : json.at("all")) {
    const std::string where = "all[" + std::to_string(i++) + "].";
    const auto field = need(c, "field", where);
    SliceCondition condition;
    bool known = false;
    for (const auto& [f, name] : kFields)
      if (name == field) {
        condition.field = f;
        known = true;
      }
    if (!known) throw std::invalid_argument("saved slice: " + where + "field: unknown '" + field + "'");
    condition.key = need(c, "key", where);
    condition.value = need(c, "value", where);
    slice.all.push_back(std::move(condition));
  }
  return slice;
}

}  // namespace loupe::analysis
