#pragma once
// Agreement among any number of raters, from per-unit category counts. Units with fewer than two
// values are unpairable and ignored. Definitions: docs/metrics.md.

#include "core/agreement/category_counts.h"
#include "core/agreement/coefficient.h"

namespace loupe::agreement {

// Mean over pairable units of the fraction of agreeing rater pairs within the unit
// (Fleiss' P-bar; for two raters the share of units on which they agree).
Coefficient percentAgreement(const CategoryCounts& counts);

// Fleiss (1971). Units may have different numbers of raters: P_i uses each unit's own n_i and
// the category proportions pool all values of pairable units; with a constant n this is exactly
// Fleiss' statistic (and statsmodels' fleiss_kappa).
Coefficient fleissKappa(const CategoryCounts& counts);

}  // namespace loupe::agreement
