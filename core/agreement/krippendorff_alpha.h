#pragma once
// Krippendorff's alpha in the coincidence-matrix formulation of Krippendorff (2011), "Computing
// Krippendorff's Alpha-Reliability": missing values allowed, any number of raters, four levels of
// measurement. Definitions: docs/metrics.md.

#include <optional>
#include <string_view>
#include <vector>

#include "core/agreement/category_counts.h"
#include "core/agreement/coefficient.h"

namespace loupe::agreement {

enum class Level { Nominal, Ordinal, Interval, Ratio };

std::string_view toString(Level);
std::optional<Level> levelFromString(std::string_view);

// `values` gives each category's number for the interval and ratio levels (one per category;
// ignored for nominal and ordinal, where the category index order is the scale).
Coefficient krippendorffAlpha(const CategoryCounts& counts, Level level,
                              const std::vector<double>& values = {});

}  // namespace loupe::agreement
