#pragma once
// The order and numeric values of classes as an agreement scale. The project's class order is
// the scale for weighted kappa and ordinal alpha, except that classes all named by numbers
// ("1", "2", "10") sort by value, so "10" comes after "2". Interval and ratio levels read the
// names as numbers.

#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe::agreement {

std::optional<double> classNameAsNumber(const std::string& name);

// Classes in scale order: by numeric value when every name is a number, else by ClassDef::order
// then id.
std::vector<ClassDef> scaleOrder(std::vector<ClassDef> classes);

}  // namespace loupe::agreement
