#pragma once
// Metrics of one labeler against the reference on a set of rows: a confusion matrix (classes
// for classification; classes plus background for detection), and the slice table's single
// "accuracy" figure — plain accuracy for image labels, F1 at IoU 0.5 for boxes — and, for boxes,
// the centroid metric.

#include <functional>
#include <optional>
#include <vector>

#include "core/analysis/classification_report.h"
#include "core/analysis/detection_confusion.h"
#include "core/analysis/eval_table.h"
#include "core/analysis/slice_row.h"

namespace loupe::analysis {

// Rows where `column` has no output are not scored (they are neither right nor wrong).
ConfusionMatrix confusionOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                            const DetectionMatchOptions& options = {});
// Same, plus the ids of the items in each cell (for "show me these items" in the GUI).
ConfusionMatrix confusionOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                            std::vector<std::vector<std::vector<Id>>>& cellItems);

std::optional<double> accuracyOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                                 const DetectionMatchOptions& options = {});

// Boxes: the centroid metric of `column` on the rows it answered (score threshold as in
// `options`, none for humans); absent for image labels or when it answered none of the rows.
std::optional<CentroidScores> centroidOn(const EvalTable& table, const LabelColumn& column, const RowSet& rows,
                                         const DetectionMatchOptions& options = {});

// HLP of a slice; the CLI and GUI pass agreementHlp (core/analysis/agreement_hlp.h).
using HlpFn = std::function<std::optional<double>(const EvalTable&, const RowSet&)>;

// The slice table for the given slices. A row is evaluated when it has a reference label and a
// model output (a detection model always has one); items, share and accuracy count only those,
// noPrediction the rest. HLP uses every item of the slice the humans labeled.
std::vector<SliceRow> sliceTable(const EvalTable& table, const std::vector<SliceRows>& slices, const HlpFn& hlp,
                                 const DetectionMatchOptions& options = {});

}  // namespace loupe::analysis
