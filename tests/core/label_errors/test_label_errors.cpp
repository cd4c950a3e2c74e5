// Every expected number below is worked out by hand in the comment beside it; the
// probabilities are dyadic fractions so the thresholds are exact and the edges are real edges.
#include <QtTest/QtTest>

#include <set>

#include "core/label_errors/folds.h"
#include "core/label_errors/label_issues.h"

using namespace loupe::label_errors;

namespace {

// Six items, three classes: item 2 is given class 0 but looks like class 1; item 4 is given 1,
// the model leans to 0 but reaches no threshold.
const std::vector<int> kLabels = {0, 0, 0, 1, 1, 2};
const std::vector<float> kProbs = {
    0.875f, 0.0625f, 0.0625f,  //
    0.75f,  0.125f,  0.125f,   //
    0.125f, 0.75f,   0.125f,   // the error
    0.25f,  0.625f,  0.125f,   //
    0.5f,   0.375f,  0.125f,   // doubtful, not confident
    0.125f, 0.125f,  0.75f,
};

// Ties and threshold edges: t0 = (0.5 + 0.125) / 2 = 0.3125, t1 = (0.375 + 0.25) / 2 = 0.3125,
// t2 = (0.75 + 0.25) / 2 = 0.5.
const std::vector<int> kTieLabels = {0, 0, 1, 1, 2, 2};
const std::vector<float> kTieProbs = {
    0.5f,    0.375f,  0.125f,   // reaches t0 and t1: the larger, 0
    0.125f,  0.25f,   0.625f,   // reaches t2 only: 2
    0.375f,  0.375f,  0.25f,    // reaches t0 and t1 equally: the given label, 1
    0.3125f, 0.25f,   0.4375f,  // exactly t0, below t2: 0
    0.125f,  0.125f,  0.75f,    // 2
    0.5f,    0.25f,   0.25f,    // 0
};

}  // namespace

class TestLabelErrors : public QObject {
  Q_OBJECT
 private slots:
  void thresholdsAndJoint() {
    const auto cj = confidentJoint(kLabels, kProbs, 3);
    // t0 = (0.875 + 0.75 + 0.125) / 3, t1 = (0.625 + 0.375) / 2, t2 = 0.75
    QCOMPARE(cj.thresholds[0], 1.75 / 3.0);
    QCOMPARE(cj.thresholds[1], 0.5);
    QCOMPARE(cj.thresholds[2], 0.75);
    // item 4: p0 = 0.5 < 0.583, p1 = 0.375 < 0.5, p2 < 0.75: reaches none.
    QCOMPARE(cj.confident, (std::vector<int>{0, 0, 1, 1, -1, 2}));
    QCOMPARE(cj.counts, (std::vector<std::int64_t>{2, 1, 0, 0, 1, 0, 0, 0, 1}));
    // Row 1 counted one of its two items: scaled by 2.
    QCOMPARE(cj.calibrated, (std::vector<double>{2, 1, 0, 0, 2, 0, 0, 0, 1}));
    QCOMPARE(cj.estimatedErrors(), 1.0);
    QCOMPARE(cj.given, (std::vector<std::int64_t>{3, 2, 1}));
  }

  void tiesAndEdges() {
    const auto cj = confidentJoint(kTieLabels, kTieProbs, 3);
    QCOMPARE(cj.thresholds, (std::vector<double>{0.3125, 0.3125, 0.5}));
    QCOMPARE(cj.confident, (std::vector<int>{0, 2, 1, 0, 2, 0}));
    QCOMPARE(cj.counts, (std::vector<std::int64_t>{1, 0, 1, 1, 1, 0, 1, 0, 1}));
    QCOMPARE(cj.estimatedErrors(), 3.0);
  }

  void pruneByNoiseRateSelfConfidence() {
    const auto found = findLabelIssues(kLabels, kProbs, 3, Ranking::SelfConfidence);
    QCOMPARE(found.issues.size(), std::size_t{1});
    QCOMPARE(found.issues[0].index, 2);
    QCOMPARE(found.issues[0].given, 0);
    QCOMPARE(found.issues[0].suggested, 1);
    QCOMPARE(found.issues[0].score, 0.875);  // 1 - p(given)
  }

  void pruneAndRankTies() {
    // Cell (0,2) prunes 1 of {0, 1} by p2 - p0: item 1 (0.5 > -0.375). Cell (1,0): 1 of {2, 3}
    // by p0 - p1: item 3 (0.0625 > 0). Cell (2,0): 1 of {4, 5} by p0 - p2: item 5.
    const auto self = findLabelIssues(kTieLabels, kTieProbs, 3, Ranking::SelfConfidence);
    QCOMPARE(self.issues.size(), std::size_t{3});
    // 1 - p(given): item 1 0.875, item 3 0.75, item 5 0.75 (tie: by index).
    QCOMPARE(self.issues[0].index, 1);
    QCOMPARE(self.issues[1].index, 3);
    QCOMPARE(self.issues[2].index, 5);
    // Suggested: the most probable other class, which for item 3 is 2 (0.4375), not the cell's 0.
    QCOMPARE(self.issues[1].suggested, 2);
    QCOMPARE(self.issues[2].suggested, 0);

    // (1 + max other - p(given)) / 2: item 1 0.75, item 5 0.625, item 3 0.59375.
    const auto margin = findLabelIssues(kTieLabels, kTieProbs, 3, Ranking::NormalizedMargin);
    QCOMPARE(margin.issues.size(), std::size_t{3});
    QCOMPARE(margin.issues[0].index, 1);
    QCOMPARE(margin.issues[0].score, 0.75);
    QCOMPARE(margin.issues[1].index, 5);
    QCOMPARE(margin.issues[1].score, 0.625);
    QCOMPARE(margin.issues[2].index, 3);
    QCOMPARE(margin.issues[2].score, 0.59375);
  }

  void baselineFlagsEveryDisagreement() {
    // argmax != given: item 2 (class 1) and item 4 (class 0), which confident learning spares.
    const auto base = disagreements(kLabels, kProbs, 3, Ranking::SelfConfidence);
    QCOMPARE(base.size(), std::size_t{2});
    QCOMPARE(base[0].index, 2);
    QCOMPARE(base[1].index, 4);
    QCOMPARE(base[1].score, 0.625);
    QCOMPARE(base[1].suggested, 0);
  }

  void aClassKeepsOneItem() {
    // t0 = 0.625, t1 = 0.25. Both items given 1 reach t0 (0.75) and t1 (0.25): the larger is 0,
    // so the calibrated cell (1,0) is 2 — but one item must stay to define class 1.
    const std::vector<int> labels = {0, 0, 1, 1};
    const std::vector<float> probs = {0.625f, 0.375f, 0.625f, 0.375f, 0.75f, 0.25f, 0.75f, 0.25f};
    const auto found = findLabelIssues(labels, probs, 2, Ranking::SelfConfidence);
    QCOMPARE(found.joint.at(1, 0), 2.0);
    QCOMPARE(found.issues.size(), std::size_t{1});
    QCOMPARE(found.issues[0].index, 2);  // equal margins: the lower index
    QCOMPARE(found.issues[0].given, 1);
  }

  void emptyClassNeverAttracts() {
    // Nobody was given class 2: its threshold (2) is above any probability, so item 0 with
    // p2 = 1 stays with its label (p0 = 0 reaches t0 = 0) and nothing is flagged.
    const std::vector<int> labels = {0, 1};
    const std::vector<float> probs = {0.0f, 0.0f, 1.0f, 0.0f, 1.0f, 0.0f};
    const auto found = findLabelIssues(labels, probs, 3, Ranking::SelfConfidence);
    QVERIFY(found.joint.thresholds[2] > 1.0);
    QCOMPARE(found.joint.confident, (std::vector<int>{0, 1}));
    QVERIFY(found.issues.empty());
  }

  void rejectsBadInput() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confidentJoint({0, 3}, {0.5f, 0.5f, 0.5f, 0.5f}, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confidentJoint({0, 1}, {0.5f, 0.5f, 0.5f}, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confidentJoint({0, 1}, {0.5f, 0.5f, 1.5f, -0.5f}, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             confidentJoint({0, 1}, {0.5f, std::numeric_limits<float>::quiet_NaN(), 0.5f, 0.5f}, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, confidentJoint({0, 0}, {1.0f, 1.0f}, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, disagreements({0, 5}, {0.5f, 0.5f, 0.5f, 0.5f}, 2, Ranking::SelfConfidence));
  }

  void rankingNames() {
    QCOMPARE(rankingFromString("self_confidence"), std::optional<Ranking>(Ranking::SelfConfidence));
    QCOMPARE(rankingFromString("normalized-margin"), std::optional<Ranking>(Ranking::NormalizedMargin));
    QVERIFY(!rankingFromString("entropy"));
    QCOMPARE(toString(Ranking::NormalizedMargin), std::string_view("normalized_margin"));
  }

  void foldsCoverBalanceAndKeepGroups() {
    std::vector<int> labels;
    std::vector<std::string> groups;
    for (int n = 0; n < 1000; ++n) {
      labels.push_back(n % 4);
      groups.push_back(n < 100 ? "g" + std::to_string(n / 10) : std::string());  // 10 groups of 10
    }
    const auto fold = assignFolds(labels, groups, 5, 7);
    QCOMPARE(fold.size(), labels.size());
    std::vector<int> perFold(5, 0);
    std::vector<std::vector<int>> perClass(4, std::vector<int>(5, 0));
    for (std::size_t n = 0; n < fold.size(); ++n) {
      QVERIFY(fold[n] >= 0 && fold[n] < 5);
      ++perFold[static_cast<std::size_t>(fold[n])];
      if (groups[n].empty()) ++perClass[static_cast<std::size_t>(labels[n])][static_cast<std::size_t>(fold[n])];
    }
    for (int f = 0; f < 5; ++f) QVERIFY2(perFold[static_cast<std::size_t>(f)] >= 190 && perFold[static_cast<std::size_t>(f)] <= 210, "folds of equal size");
    for (const auto& c : perClass) {
      const auto [lo, hi] = std::minmax_element(c.begin(), c.end());
      QVERIFY2(*hi - *lo <= 12, "each class spread over the folds");
    }
    for (int g = 0; g < 10; ++g) {
      std::set<int> seen;
      for (int n = g * 10; n < g * 10 + 10; ++n) seen.insert(fold[static_cast<std::size_t>(n)]);
      QCOMPARE(seen.size(), std::size_t{1});
    }
    QCOMPARE(assignFolds(labels, groups, 5, 7), fold);
    QVERIFY(assignFolds(labels, groups, 5, 8) != fold);
  }

  void foldsRejectBadRequests() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, assignFolds({0, 1}, {"", ""}, 1, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, assignFolds({0, 1}, {""}, 2, 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, assignFolds({0, 1, 0}, {"a", "a", "a"}, 2, 1));
  }
};

QTEST_GUILESS_MAIN(TestLabelErrors)
#include "test_label_errors.moc"
