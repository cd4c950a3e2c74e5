#include "core/agreement/class_scale.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace loupe::agreement {

std::optional<double> classNameAsNumber(const std::string& name) {
  const char* first = name.data();
  const char* last = name.data() + name.size();
  while (first < last && *first == ' ') ++first;
  while (last > first && last[-1] == ' ') --last;
  if (first < last && *first == '+') ++first;
  double v = 0;
  const auto [end, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || end != last || first == last || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<ClassDef> scaleOrder(std::vector<ClassDef> classes) {
  const bool numeric = !classes.empty() && std::all_of(classes.begin(), classes.end(), [](const ClassDef& c) {
    return classNameAsNumber(c.name).has_value();
  });
  if (numeric) {
    std::stable_sort(classes.begin(), classes.end(), [](const ClassDef& a, const ClassDef& b) {
      return *classNameAsNumber(a.name) < *classNameAsNumber(b.name);
    });
  } else {
    std::stable_sort(classes.begin(), classes.end(), [](const ClassDef& a, const ClassDef& b) {
      return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
  }
  return classes;
}

}  // namespace loupe::agreement
