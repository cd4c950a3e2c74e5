// Agreement coefficients against published worked examples. Each expected value cites its
// source; library values were computed once with Debian's python3-sklearn / python3-statsmodels
// and pasted here.
#include <QtTest>

#include <cmath>
#include <stdexcept>

#include "core/agreement/category_counts.h"
#include "core/agreement/contingency.h"
#include "core/agreement/krippendorff_alpha.h"
#include "core/agreement/multi_rater.h"
#include "core/agreement/pair_metrics.h"
#include "core/agreement/rating_table.h"

using namespace loupe::agreement;

namespace {

constexpr int M = kMissing;

void expectNear(const Coefficient& c, double expected, double tolerance, const char* what) {
  if (!c.value) QFAIL(qPrintable(QString("%1 undefined: %2").arg(what, QString::fromStdString(c.note))));
  if (std::abs(*c.value - expected) > tolerance)
    QFAIL(qPrintable(QString("%1 = %2, expected %3 ± %4").arg(what).arg(*c.value, 0, 'g', 12).arg(expected).arg(tolerance)));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
// twelve units, values 1..5, missing values. Category index = value - 1.
RatingTable krippendorff2011C() {
  return ratingTableFromRows(5, {
                                    {0, 0, M, 0},  // unit 1: A=1 B=1 C=. D=1
                                    {1, 1, 2, 1},
                                    {2, 2, 2, 2},
                                    {2, 2, 2, 2},
                                    {1, 1, 1, 1},
                                    {0, 1, 2, 3},
                                    {3, 3, 3, 3},
                                    {0, 0, 1, 0},
                                    {1, 1, 1, 1},
                                    {M, 4, 4, 4},
                                    {M, M, 0, 0},
                                    {M, 2, M, M},  // unit 12: a single value, unpairable
                                });
}

}  // namespace

class TestAgreementMetrics : public QObject {
  Q_OBJECT
 private slots:
  // Wikipedia, "Cohen's kappa", simple example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10,
  // no/no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
  void cohenKappaWikipediaExample() {
    const auto t = contingencyFromRows({{20, 5}, {10, 15}});
    expectNear(pairPercentAgreement(t), 0.7, 1e-12, "percent agreement");
    expectNear(cohenKappa(t), 0.4, 1e-12, "kappa");
  }

  // Weighted kappa, scikit-learn 1.2 cohen_kappa_score(y1, y2, weights=...) on
  //   y1 = [0,1,2,0,1,2,0,1,2,2,1,0,2,1,3,3,2]
  //   y2 = [0,2,2,1,1,2,0,0,2,1,1,0,2,2,3,2,3]
  // gives None 0.4251207729468599, 'linear' 0.6148867313915858, 'quadratic' 0.781651376146789.
  void weightedKappaMatchesScikitLearn() {
    const std::vector<int> y1{0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0, 2, 1, 3, 3, 2};
    const std::vector<int> y2{0, 2, 2, 1, 1, 2, 0, 0, 2, 1, 1, 0, 2, 2, 3, 2, 3};
    std::vector<std::vector<int>> rows;
    for (std::size_t i = 0; i < y1.size(); ++i) rows.push_back({y1[i], y2[i]});
    const auto t = contingency(ratingTableFromRows(4, rows), 0, 1);
    expectNear(cohenKappa(t), 0.4251207729468599, 1e-12, "kappa");
    expectNear(cohenKappa(t, KappaWeights::Linear), 0.6148867313915858, 1e-12, "linear kappa");
    expectNear(cohenKappa(t, KappaWeights::Quadratic), 0.781651376146789, 1e-12, "quadratic kappa");
  }

  // Wikipedia, "Scott's pi", worked example: 45 items, 3 categories, table rows 1 2 3 / 4 5 6 /
  // 7 8 9. Pr(a) = 15/45; joint proportions 18/90, 30/90, 42/90, Pr(e) = 2988/8100;
  // pi = (2700 - 2988) / (8100 - 2988) = -288/5112.
  void scottPiWikipediaExample() {
    const auto t = contingencyFromRows({{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    expectNear(scottPi(t), -288.0 / 5112.0, 1e-12, "Scott's pi");
    expectNear(pairPercentAgreement(t), 15.0 / 45.0, 1e-12, "percent agreement");
  }

  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories,
  // P-bar = 0.378, P_e = 0.213, kappa = 0.210; statsmodels fleiss_kappa gives 0.20993070442195522.
  void fleissKappaWikipediaExample() {
    CategoryCounts counts(5);
    for (const auto& row : std::vector<std::vector<int>>{{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6},
                                                          {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1}, {7, 7, 0, 0, 0},
                                                          {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0},
                                                          {0, 2, 2, 3, 7}})
      counts.addDenseUnit(row);
    expectNear(fleissKappa(counts), 0.20993070442195522, 1e-12, "Fleiss' kappa");
    expectNear(percentAgreement(counts), 0.378, 5e-4, "P-bar");
  }

  // statsmodels fleiss_kappa on [[3,0,0],[1,2,0],[0,1,2],[2,0,1],[0,0,3],[1,1,1]] = 0.22857142857142856,
  // fed as the raters' individual labels so the rating-table path is checked too.
  void fleissKappaFromRatingsMatchesStatsmodels() {
    const auto t = ratingTableFromRows(3, {{0, 0, 0}, {0, 1, 1}, {1, 2, 2}, {0, 0, 2}, {2, 2, 2}, {0, 1, 2}});
    expectNear(fleissKappa(countsFromRatings(t)), 0.22857142857142856, 1e-12, "Fleiss' kappa");
  }

  // Krippendorff (2011), section A: binary data, two observers, ten units: alpha = 0.095.
  void krippendorffBinaryTwoObservers() {
    const std::vector<int> a{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, b{1, 1, 1, 0, 0, 1, 0, 0, 0, 0};
    std::vector<std::vector<int>> rows;
    for (std::size_t i = 0; i < a.size(); ++i) rows.push_back({a[i], b[i]});
    expectNear(krippendorffAlpha(countsFromRatings(ratingTableFromRows(2, rows)), Level::Nominal), 0.095, 5e-4,
               "alpha");
  }

  // Krippendorff (2011), section B: nominal data, two observers, twelve units, values a..e:
  // alpha = 0.692.
  void krippendorffNominalTwoObservers() {
    const std::string a = "aabbdcccedda", b = "babbbccceddd";
    std::vector<std::vector<int>> rows;
    for (std::size_t i = 0; i < a.size(); ++i) rows.push_back({a[i] - 'a', b[i] - 'a'});
    expectNear(krippendorffAlpha(countsFromRatings(ratingTableFromRows(5, rows)), Level::Nominal), 0.692, 5e-4,
               "alpha");
  }

  // Krippendorff (2011), section C, with missing values: nominal 0.743, ordinal 0.815,
  // interval 0.849, ratio 0.797.
  void krippendorffFourObserversMissingValues() {
    const auto counts = countsFromRatings(krippendorff2011C());
    const std::vector<double> values{1, 2, 3, 4, 5};
    expectNear(krippendorffAlpha(counts, Level::Nominal), 0.743, 5e-4, "nominal alpha");
    expectNear(krippendorffAlpha(counts, Level::Ordinal), 0.815, 5e-4, "ordinal alpha");
    expectNear(krippendorffAlpha(counts, Level::Interval, values), 0.849, 5e-4, "interval alpha");
    expectNear(krippendorffAlpha(counts, Level::Ratio, values), 0.797, 5e-4, "ratio alpha");
  }

  // Two raters, no missing data: alpha's expected disagreement counts pairs of values without
  // replacement, pi's with replacement, so 1 - alpha = (n-1)/n * (1 - pi) with n = 2 × units
  // (Krippendorff 2011, section A). Checked on the section B data.
  void alphaApproachesScottPiForTwoRaters() {
    const std::string a = "aabbdcccedda", b = "babbbccceddd";
    std::vector<std::vector<int>> rows;
    for (std::size_t i = 0; i < a.size(); ++i) rows.push_back({a[i] - 'a', b[i] - 'a'});
    const auto t = ratingTableFromRows(5, rows);
    const double pi = *scottPi(contingency(t, 0, 1)).value;
    const double alpha = *krippendorffAlpha(countsFromRatings(t), Level::Nominal).value;
    const double n = 2.0 * 12;
    expectNear(Coefficient::of(alpha), 1 - (n - 1) / n * (1 - pi), 1e-12, "alpha from pi");
  }

  // Cohen's kappa counts only units both raters labeled.
  void cohenKappaSkipsMissing() {
    const auto t = ratingTableFromRows(2, {{0, 0}, {0, M}, {1, 1}, {M, 1}, {1, 0}, {M, M}});
    const auto c = contingency(t, 0, 1);
    QCOMPARE(c.total(), 3.0);
    // po = 2/3, pe = (2/3 * 1/3) + (1/3 * 2/3) = 4/9, kappa = (2/3 - 4/9) / (5/9) = 0.4
    expectNear(cohenKappa(c), 0.4, 1e-12, "kappa");
  }

  void singleClassIsUndefinedNotNaN() {
    const auto t = ratingTableFromRows(3, {{1, 1, 1}, {1, 1, 1}, {1, 1, M}});
    const auto pair = contingency(t, 0, 1);
    const auto counts = countsFromRatings(t);
    expectNear(pairPercentAgreement(pair), 1.0, 0, "percent agreement");
    expectNear(percentAgreement(counts), 1.0, 0, "percent agreement");
    for (const auto& c : {cohenKappa(pair), cohenKappa(pair, KappaWeights::Linear),
                          cohenKappa(pair, KappaWeights::Quadratic), scottPi(pair), fleissKappa(counts),
                          krippendorffAlpha(counts, Level::Nominal), krippendorffAlpha(counts, Level::Ordinal)}) {
      QVERIFY(!c.value);
      QVERIFY2(c.note.find("one") != std::string::npos || c.note.find("equal") != std::string::npos,
               c.note.c_str());
    }
  }

  void nothingPairableIsUndefined() {
    const auto t = ratingTableFromRows(3, {{0, M}, {M, 2}, {M, M}});
    const auto counts = countsFromRatings(t);
    QVERIFY(!percentAgreement(counts).value);
    QVERIFY(!fleissKappa(counts).value);
    QVERIFY(!krippendorffAlpha(counts, Level::Nominal).value);
    QVERIFY(!cohenKappa(contingency(t, 0, 1)).value);
    QVERIFY(!scottPi(contingency(t, 0, 1)).value);
  }

  void perfectAgreementIsOne() {
    const auto t = ratingTableFromRows(3, {{0, 0, 0}, {1, 1, M}, {2, 2, 2}, {1, 1, 1}});
    const auto counts = countsFromRatings(t);
    expectNear(fleissKappa(counts), 1.0, 1e-12, "Fleiss");
    expectNear(krippendorffAlpha(counts, Level::Nominal), 1.0, 1e-12, "alpha");
    expectNear(cohenKappa(contingency(t, 0, 1), KappaWeights::Quadratic), 1.0, 1e-12, "kappa");
  }

  void ratioLevelRejectsNegativeValues() {
    const auto counts = countsFromRatings(ratingTableFromRows(2, {{0, 1}, {1, 1}, {0, 0}}));
    const auto c = krippendorffAlpha(counts, Level::Ratio, {-1.0, 2.0});
    QVERIFY(!c.value);
    QVERIFY(c.note.find("negative") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, krippendorffAlpha(counts, Level::Interval, {1.0}));
  }

  void badTablesAreRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ratingTableFromRows(2, {{0, 2}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ratingTableFromRows(2, {{0, 1}, {1}}));
    QCOMPARE(levelFromString("ordinal"), std::optional<Level>(Level::Ordinal));
    QVERIFY(!levelFromString("cardinal"));
  }
};

QTEST_GUILESS_MAIN(TestAgreementMetrics)
#include "test_agreement_metrics.moc"
