#include "core/agreement/report.h"

#include <algorithm>
#include <stdexcept>

#include "core/agreement/category_counts.h"
#include "core/agreement/class_scale.h"
#include "core/agreement/contingency.h"
#include "core/agreement/multi_rater.h"
#include "core/agreement/pair_metrics.h"

namespace loupe::agreement {
namespace {

void noteIfUndefined(std::vector<std::string>& notes, const std::string& what, const Coefficient& c) {
  if (c.value) return;
  const std::string line = what + ": " + c.note;
  if (std::find(notes.begin(), notes.end(), line) == notes.end()) notes.push_back(line);
}

bool anyBoxes(const BoxTable& t) { return !t.boxes.empty(); }

bool anyLabels(const RatingTable& t) {
  return std::any_of(t.values.begin(), t.values.end(), [](int v) { return v != kMissing; });
}

}  // namespace

std::vector<double> classValues(const AgreementData& data, std::vector<std::string>& bad) {
  std::vector<double> values;
  for (const auto& c : data.classes) {
    const auto v = classNameAsNumber(c.name);
    if (!v) bad.push_back(c.name);
    values.push_back(v.value_or(0.0));
  }
  return values;
}

AgreementReport computeAgreement(const AgreementData& data, const AgreementOptions& options, const Progress& progress) {
  const int raters = static_cast<int>(data.labelers.size());
  if (raters < 2) {
    std::string only = raters == 1 ? " (only '" + data.labelers.front().name + "')" : "";
    throw std::invalid_argument("agreement needs at least two labelers; got " + std::to_string(raters) + only);
  }
  AgreementReport r;
  r.items = labeledUnits(data);
  for (const auto& l : data.labelers) r.labelers.push_back(l.name);
  r.level = options.level;
  r.iouThreshold = options.iouThreshold;
  r.notes = data.notes;

  const std::size_t pairCount = static_cast<std::size_t>(raters) * static_cast<std::size_t>(raters - 1) / 2;
  const auto total = static_cast<std::int64_t>(1 + 2 * pairCount);
  std::int64_t done = 0;
  progress(done, total, "agreement");

  const bool labels = anyLabels(data.labels);
  if (labels) {
    const CategoryCounts counts = countsFromRatings(data.labels);
    r.percentAgreement = percentAgreement(counts);
    r.fleissKappa = fleissKappa(counts);
    if (options.level == Level::Interval || options.level == Level::Ratio) {
      std::vector<std::string> bad;
      const auto values = classValues(data, bad);
      // Only classes actually used matter: a non-numeric class nobody chose does no harm.
      std::vector<char> used(data.classes.size(), 0);
      for (int v : data.labels.values)
        if (v != kMissing) used[static_cast<std::size_t>(v)] = 1;
      std::string badUsed;
      for (std::size_t c = 0; c < data.classes.size(); ++c)
        if (used[c] && !classNameAsNumber(data.classes[c].name))
          badUsed += (badUsed.empty() ? "'" : ", '") + data.classes[c].name + "'";
      r.krippendorffAlpha =
          badUsed.empty()
              ? krippendorffAlpha(counts, options.level, values)
              : Coefficient::undefined("the " + std::string(toString(options.level)) +
                                       " level reads class names as numbers, and these are not: " + badUsed);
    } else {
      r.krippendorffAlpha = krippendorffAlpha(counts, options.level);
    }
  } else {
    const auto none = Coefficient::undefined("there are no image labels");
    r.percentAgreement = r.fleissKappa = r.krippendorffAlpha = none;
  }
  noteIfUndefined(r.notes, "percent_agreement", r.percentAgreement);
  noteIfUndefined(r.notes, "fleiss_kappa", r.fleissKappa);
  noteIfUndefined(r.notes, "krippendorff_alpha", r.krippendorffAlpha);
  progress(++done, total, "agreement");

  const bool boxes = anyBoxes(data.boxes);
  for (int a = 0; a < raters; ++a)
    for (int b = a + 1; b < raters; ++b) {
      const std::string pairName = data.labelers[static_cast<std::size_t>(a)].name + "/" + data.labelers[static_cast<std::size_t>(b)].name;
      if (labels) {
        const Contingency t = contingency(data.labels, a, b);
        PairReport p{data.labelers[static_cast<std::size_t>(a)].name, data.labelers[static_cast<std::size_t>(b)].name,
                     static_cast<std::size_t>(t.total()), pairPercentAgreement(t), cohenKappa(t),
                     cohenKappa(t, KappaWeights::Linear), cohenKappa(t, KappaWeights::Quadratic), scottPi(t)};
        noteIfUndefined(r.notes, pairName + ": cohen_kappa", p.cohenKappa);
        noteIfUndefined(r.notes, pairName + ": scott_pi", p.scottPi);
        r.pairs.push_back(std::move(p));
      }
      progress(++done, total, "agreement");
      if (boxes) {
        BoxCounts sum;
        for (std::size_t u = 0; u < data.boxes.units(); ++u) {
          if (data.boxes.countAt(u, a) == 0 && data.boxes.countAt(u, b) == 0) continue;
          sum += matchBoxes(data.boxes.at(u, a), data.boxes.at(u, b), options.iouThreshold);
        }
        BoxPairReport p{data.labelers[static_cast<std::size_t>(a)].name, data.labelers[static_cast<std::size_t>(b)].name,
                        summarize(sum)};
        noteIfUndefined(r.notes, pairName + ": boxes", p.agreement.f1);
        r.boxPairs.push_back(std::move(p));
      }
      progress(++done, total, "agreement");
    }
  return r;
}

}  // namespace loupe::agreement
