#include "core/analysis/threshold_gate.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "core/analysis/classification_report.h"
#include "core/analysis/coco_eval.h"
#include "core/analysis/slice_metrics.h"

namespace loupe::analysis {
namespace {

const std::vector<std::string> kClassificationMetrics{"accuracy", "macro_f1", "weighted_f1", "macro_precision",
                                                      "macro_recall"};
const std::vector<std::string> kDetectionMetrics{"accuracy", "macro_f1", "weighted_f1", "macro_precision",
                                                 "macro_recall", "map", "map_50", "map_75", "mar_100"};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

std::vector<CocoImage> cocoImages(const EvalTable& t, const RowSet& rows) {
  std::vector<CocoImage> images;
  for (const auto r : rows)
    if (t.model.hasLabel(r)) images.push_back({t.reference.boxes[r], t.model.boxes[r]});
  return images;
}

}  // namespace

std::vector<std::string> gateMetrics(TaskKind task) {
  return task == TaskKind::Classification ? kClassificationMetrics : kDetectionMetrics;
}

std::vector<ThresholdTest> parseThresholds(std::string_view spec) {
  std::vector<ThresholdTest> tests;
  while (!trim(spec).empty()) {
    const auto comma = spec.find(',');
    ThresholdTest t;
    t.text = trim(spec.substr(0, comma));
    // The slice may itself contain ':' (source=device:1), the metric never does.
    const auto colon = t.text.rfind(':');
    const std::string body = colon == std::string::npos ? t.text : t.text.substr(colon + 1);
    if (colon != std::string::npos) t.slice = parseSlice(t.text.substr(0, colon));
    const auto eq = body.find('=');
    if (eq == std::string::npos)
      throw std::invalid_argument("threshold test '" + t.text + "' is not [SLICE:]METRIC=VALUE");
    t.metric = trim(body.substr(0, eq));
    const std::string value = trim(body.substr(eq + 1));
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t.threshold);
    if (ec != std::errc() || end != value.data() + value.size() || t.threshold < 0 || t.threshold > 1)
      throw std::invalid_argument("threshold test '" + t.text + "': '" + value + "' is not a fraction in 0..1");
    tests.push_back(std::move(t));
    if (comma == std::string_view::npos) break;
    spec.remove_prefix(comma + 1);
  }
  if (tests.empty()) throw std::invalid_argument("no threshold tests given");
  return tests;
}

std::optional<double> metricOn(const EvalTable& t, const RowSet& rows, std::string_view metric) {
  const auto known = gateMetrics(t.task);
  if (std::find(known.begin(), known.end(), metric) == known.end()) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw std::invalid_argument("unknown metric '" + std::string(metric) + "' (known: " + list + ")");
  }
  if (metric == "accuracy") return accuracyOn(t, t.model, rows);
  if (metric == "map" || metric == "map_50" || metric == "map_75" || metric == "mar_100") {
    const auto images = cocoImages(t, rows);
    if (images.empty()) return std::nullopt;
    const auto s = cocoEvaluate(t.classes, images);
    const double v = metric == "map" ? s.map : metric == "map_50" ? s.map50 : metric == "map_75" ? s.map75 : s.mar100;
    return v < 0 ? std::nullopt : std::optional<double>(v);
  }
  const auto m = confusionOn(t, t.model, rows);
  if (m.total() == 0) return std::nullopt;
  const auto r = classificationReport(m, t.task == TaskKind::Detection);
  if (metric == "macro_f1") return r.macroF1;
  if (metric == "weighted_f1") return r.weightedF1;
  if (metric == "macro_precision") return r.macroPrecision;
  return r.macroRecall;
}

std::vector<ThresholdOutcome> runGate(const EvalTable& table, const std::vector<ThresholdTest>& tests) {
  std::vector<ThresholdOutcome> out;
  for (const auto& test : tests) {
    ThresholdOutcome o{test, metricOn(table, selectRows(table, test.slice), test.metric), false};
    o.passed = o.value && *o.value >= test.threshold;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace loupe::analysis
