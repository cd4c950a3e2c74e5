#pragma once
// One agreement computation over a scope (the whole project, a slice, one class): the
// multi-rater coefficients, every labeler pair's coefficients and box agreement. This is what
// `loupe agreement` prints and what a snapshot stores.

#include <cstddef>
#include <string>
#include <vector>

#include "core/agreement/agreement_data.h"
#include "core/agreement/box_matching.h"
#include "core/agreement/coefficient.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/domain/progress.h"

namespace loupe::agreement {

struct PairReport {
  std::string a, b;
  std::size_t n = 0;  // items both labeled with an image label
  Coefficient percentAgreement, cohenKappa, cohenKappaLinear, cohenKappaQuadratic, scottPi;
};

struct BoxPairReport {
  std::string a, b;
  BoxAgreement agreement;
};

struct AgreementReport {
  std::size_t items = 0;
  std::vector<std::string> labelers;
  Level level = Level::Nominal;
  Coefficient percentAgreement, fleissKappa, krippendorffAlpha;
  std::vector<PairReport> pairs;
  double iouThreshold = 0.5;
  std::vector<BoxPairReport> boxPairs;
  std::vector<std::string> notes;
};

struct AgreementOptions {
  Level level = Level::Nominal;
  double iouThreshold = 0.5;
};

// Throws std::invalid_argument when fewer than two labelers are given: agreement needs a pair.
AgreementReport computeAgreement(const AgreementData& data, const AgreementOptions& options,
                                 const Progress& progress = {});

// The class values for the interval and ratio levels: each class name read as a number.
// Classes whose name is not a number are listed in `bad`.
std::vector<double> classValues(const AgreementData& data, std::vector<std::string>& bad);

}  // namespace loupe::agreement
