#include "core/analysis/slice_metrics.h"

namespace loupe::analysis {
namespace {

// Humans and the reference draw boxes without scores: every box they drew counts.
DetectionMatchOptions forColumn(const LabelColumn& column, DetectionMatchOptions options) {
  if (column.kind != LabelerKind::Model) options.scoreThreshold = -1.0;
  return options;
}

ConfusionMatrix confusionImpl(const EvalTable& t, const LabelColumn& column, const RowSet& rows,
                              const DetectionMatchOptions& options,
                              std::vector<std::vector<std::vector<Id>>>* cellItems) {
  if (t.task == TaskKind::Classification) {
    ConfusionMatrix m = ConfusionMatrix::zeros(t.classes);
    const std::size_t n = t.classes.size();
    if (cellItems) cellItems->assign(n, std::vector<std::vector<Id>>(n));
    const auto* ref = t.reference.label.data();
    const auto* out = column.label.data();
    for (const auto r : rows) {
      const auto a = ref[r], b = out[r];
      if (a < 0 || b < 0) continue;
      ++m.counts[a][b];
      if (cellItems) (*cellItems)[a][b].push_back(t.itemIds[r]);
    }
    return m;
  }
  auto names = t.classes;
  names.emplace_back(kBackground);
  ConfusionMatrix m = ConfusionMatrix::zeros(std::move(names));
  const std::size_t n = m.classes.size();
  if (cellItems) cellItems->assign(n, std::vector<std::vector<Id>>(n));
  const auto opts = forColumn(column, options);
  for (const auto r : rows) {
    if (!column.hasLabel(r)) continue;
    if (!cellItems) {
      addImageToDetectionConfusion(t.reference.boxes[r], column.boxes[r], opts, m);
      continue;
    }
    // An image lands in every cell it adds to.
    ConfusionMatrix one = ConfusionMatrix::zeros(m.classes);
    addImageToDetectionConfusion(t.reference.boxes[r], column.boxes[r], opts, one);
    for (std::size_t a = 0; a < n; ++a)
      for (std::size_t b = 0; b < n; ++b)
        if (one.counts[a][b] > 0) {
          m.counts[a][b] += one.counts[a][b];
          (*cellItems)[a][b].push_back(t.itemIds[r]);
        }
  }
  return m;
}

}  // namespace

ConfusionMatrix confusionOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                            const DetectionMatchOptions& options) {
  return confusionImpl(table, column, rows, options, nullptr);
}

ConfusionMatrix confusionOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                            std::vector<std::vector<std::vector<Id>>>& cellItems) {
  return confusionImpl(table, column, rows, {}, &cellItems);
}

std::optional<double> accuracyOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                                 const DetectionMatchOptions& options) {
  if (table.task == TaskKind::Classification) {
    // The hot path of the slice table: no matrix, two flat arrays.
    std::int64_t scored = 0, correct = 0;
    const auto* ref = table.reference.label.data();
    const auto* out = column.label.data();
    for (const auto r : rows) {
      if (ref[r] < 0 || out[r] < 0) continue;
      ++scored;
      correct += ref[r] == out[r];
    }
    if (scored == 0) return std::nullopt;
    return static_cast<double>(correct) / static_cast<double>(scored);
  }
  bool any = false;
  for (const auto r : rows) any = any || column.hasLabel(r);
  if (!any) return std::nullopt;
  return classificationReport(confusionOn(table, column, rows, options), true).accuracy;
}

std::optional<CentroidScores> centroidOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                                         const DetectionMatchOptions& options) {
  if (table.task != TaskKind::Detection) return std::nullopt;
  CentroidOptions centroid;
  centroid.scoreThreshold = forColumn(column, options).scoreThreshold;
  std::vector<CentroidCounts> perClass(table.classes.size());
  bool any = false;
  for (const auto r : rows) {
    if (!column.hasLabel(r)) continue;
    any = true;
    addImageCentroidCounts(table.reference.boxes[r], column.boxes[r], centroid, perClass);
  }
  if (!any) return std::nullopt;
  CentroidCounts all;
  for (const auto& c : perClass) all += c;
  return centroidScores(all);
}

std::vector<SliceRow> sliceTable(const EvalTable& table, const std::vector<SliceRows>& slices, const HlpFn& hlp,
                                 const DetectionMatchOptions& options) {
  std::vector<SliceRow> out;
  out.reserve(slices.size());
  std::vector<std::uint8_t> evaluated(table.rows());
  std::int64_t total = 0;
  for (std::size_t r = 0; r < evaluated.size(); ++r) {
    // Rows are the reference's items; a reference image without boxes still scores a detector.
    evaluated[r] = table.model.hasLabel(r) && (table.task == TaskKind::Detection || table.reference.hasLabel(r));
    total += evaluated[r];
  }
  for (const auto& s : slices) {
    std::int64_t items = 0;
    for (const auto r : s.rows) items += evaluated[r];
    auto row = makeSliceRow(describe(s.slice), items, total, accuracyOn(table, table.model, s.rows, options),
                            hlp ? hlp(table, s.rows) : std::nullopt);
    row.noPrediction = static_cast<std::int64_t>(s.rows.size()) - items;
    row.centroid = centroidOn(table, table.model, s.rows, options);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace loupe::analysis
