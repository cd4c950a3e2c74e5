#pragma once
// HLP per slice from core/agreement: the mean over human labelers of their accuracy (F1 of
// boxes at IoU 0.5) against the reference, on the items of the slice. This adapter turns the
// rows of an EvalTable into the agreement module's tables so both views report the same HLP.

#include <optional>

#include "core/analysis/eval_table.h"

namespace loupe::analysis {

// Empty when the table has no human labels on the rows (or none shared with the reference).
std::optional<double> agreementHlp(const EvalTable& table, const RowSet& rows);

}  // namespace loupe::analysis
