#pragma once
// Two-rater agreement coefficients on a contingency table: observed percent agreement,
// Cohen's kappa (unweighted, linear, quadratic) and Scott's pi. Definitions: docs/metrics.md.

#include "core/agreement/coefficient.h"
#include "core/agreement/contingency.h"

namespace loupe::agreement {

enum class KappaWeights { None, Linear, Quadratic };

// Fraction of jointly rated units on which both raters chose the same category.
Coefficient pairPercentAgreement(const Contingency& table);

// Cohen (1960); weighted per Cohen (1968) with disagreement weights |i-j| (linear) or (i-j)^2
// (quadratic) on the category index, the convention of scikit-learn's cohen_kappa_score.
Coefficient cohenKappa(const Contingency& table, KappaWeights weights = KappaWeights::None);

// Scott (1955): chance agreement from the two raters' pooled category proportions.
Coefficient scottPi(const Contingency& table);

}  // namespace loupe::agreement
