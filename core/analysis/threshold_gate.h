#pragma once
// The model gate behind `loupe eval --fail-under`: a comma-separated list of tests, each
// "[SLICE:]METRIC=THRESHOLD", e.g. "accuracy=0.9,split=test&class=shirt:macro_f1=0.8". A test
// fails when the metric on its slice is below the threshold, or cannot be computed (an empty
// slice must not pass a gate silently).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/eval_table.h"
#include "core/analysis/slice_definition.h"

namespace loupe::analysis {

struct ThresholdTest {
  std::string text;  // as written, to name it in messages
  SliceDefinition slice;
  std::string metric;
  double threshold = 0;
};

struct ThresholdOutcome {
  ThresholdTest test;
  std::optional<double> value;
  bool passed = false;
};

// Metrics a test may name, for the task at hand.
std::vector<std::string> gateMetrics(TaskKind task);

// Throws std::invalid_argument naming the offending test (no '=', threshold not in 0..1, unknown
// metric is checked later against the task).
std::vector<ThresholdTest> parseThresholds(std::string_view spec);

// Value of `metric` for the model on `rows`; throws std::invalid_argument for an unknown metric.
std::optional<double> metricOn(const EvalTable& table, const RowSet& rows, std::string_view metric);

std::vector<ThresholdOutcome> runGate(const EvalTable& table, const std::vector<ThresholdTest>& tests);

}  // namespace loupe::analysis
