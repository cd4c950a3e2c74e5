#pragma once
// A metric value that may be undefined for the data at hand. Undefined is an empty value plus a
// sentence saying why (e.g. "expected agreement is 1: only one class was used"), never NaN, so
// the CLI can print `null` with a note and the GUI can show the reason.

#include <optional>
#include <string>

namespace loupe::agreement {

struct Coefficient {
  std::optional<double> value;
  std::string note;  // empty when value is set

  static Coefficient of(double v) { return {v, {}}; }
  static Coefficient undefined(std::string why) { return {std::nullopt, std::move(why)}; }
};

}  // namespace loupe::agreement
