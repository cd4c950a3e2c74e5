// The centroid metric on hand-worked cases: each comment gives the centroids and which box each
// one lands in, and the counts that follow.
#include <QtTest>

#include "core/analysis/centroid_eval.h"
#include "tests/core/analysis/suites.h"

using namespace loupe;
using namespace loupe::analysis;

namespace {

const std::vector<std::string> kClasses{"car", "person"};

ScoredBox box(std::int32_t cls, double x, double y, double w, double h, double score = 1.0, bool crowd = false) {
  return {cls, {x, y, w, h}, score, crowd};
}

CentroidCounts countsOf(const std::vector<ScoredBox>& ref, const std::vector<ScoredBox>& pred,
                        std::size_t cls = 0, CentroidOptions options = {}) {
  std::vector<CentroidCounts> perClass(kClasses.size());
  addImageCentroidCounts(ref, pred, options, perClass);
  return perClass[cls];
}

bool same(const CentroidCounts& c, std::int64_t tp, std::int64_t fp, std::int64_t fn) {
  if (c.tp == tp && c.fp == fp && c.fn == fn) return true;
  qWarning("tp %lld fp %lld fn %lld", static_cast<long long>(c.tp), static_cast<long long>(c.fp),
           static_cast<long long>(c.fn));
  return false;
}

}  // namespace

class TestCentroidEval : public QObject {
  Q_OBJECT
 private slots:
  // One car box [0,10]². Centroids (4,4) score 0.9 and (7,7) score 0.8: both inside, one-to-one,
  // so the better one is the hit and the other a false positive. P 1/2, R 1, F1 2/3.
  void twoCentroidsInOneBox() {
    const auto s = centroidEvaluate(kClasses, {{box(0, 0, 0, 10, 10)}},
                                    {{box(0, 5, 5, 4, 4, 0.8), box(0, 2, 2, 4, 4, 0.9)}});
    QVERIFY(same(s.overall.counts, 1, 1, 0));
    QCOMPARE(s.overall.precision, 0.5);
    QCOMPARE(s.overall.recall, 1.0);
    QVERIFY(qAbs(s.overall.f1 - 2.0 / 3.0) < 1e-12);
    QCOMPARE(s.perClass[0].name, std::string("car"));
    QCOMPARE(s.perClass[0].scores.support, std::int64_t{1});
  }

  // Inside is the closed box: a centroid exactly on the corner (10,10) of [0,10]² is a hit, one at
  // (10.5, 5) is not (a false positive, and the box a miss).
  void centroidOnTheEdgeIsInside() {
    QVERIFY(same(countsOf({box(0, 0, 0, 10, 10)}, {box(0, 5, 5, 10, 10, 0.9)}), 1, 0, 0));
    QVERIFY(same(countsOf({box(0, 0, 0, 10, 10)}, {box(0, 0, 5, 0, 0, 0.9)}), 1, 0, 0));  // (0,5): left edge
    QVERIFY(same(countsOf({box(0, 0, 0, 10, 10)}, {box(0, 5.5, 0, 10, 10, 0.9)}), 0, 1, 1));
  }

  // A person centroid inside a car box: the person is a false positive, the car a miss. Every
  // ratio is 0 (nothing right), per class too.
  void wrongClassIsAFalsePositiveAndAMiss() {
    const auto s = centroidEvaluate(kClasses, {{box(0, 0, 0, 10, 10)}}, {{box(1, 3, 3, 4, 4, 0.9)}});
    QVERIFY(same(s.perClass[0].scores.counts, 0, 0, 1));
    QVERIFY(same(s.perClass[1].scores.counts, 0, 1, 0));
    QVERIFY(same(s.overall.counts, 0, 1, 1));
    QCOMPARE(s.overall.f1, 0.0);
    QCOMPARE(s.perClass[1].scores.support, std::int64_t{0});
  }

  // Class-agnostic, the same person centroid in the car box is a hit; a second prediction in no
  // box stays a false positive: P 1/2, R 1.
  void classAgnosticCountsTheWrongClassAsFound() {
    const auto s = centroidEvaluateClassAgnostic({{box(0, 0, 0, 10, 10)}},
                                                 {{box(1, 3, 3, 4, 4, 0.9), box(0, 30, 30, 4, 4, 0.8)}});
    QVERIFY(same(s.counts, 1, 1, 0));
    QCOMPARE(s.precision, 0.5);
    QCOMPARE(s.recall, 1.0);
  }

  // Cars A = [0,10]x[0,10] (centre 5,5) and B = [8,18]x[0,10] (centre 13,5). Centroid p (9,5)
  // score 0.6 lies in both, q (4,5) score 0.9 only in A. Best score first: q takes A, then p takes
  // B: 2 hits. (In the given order p would take A and leave q nothing.)
  void bestScoreFirst() {
    const std::vector<ScoredBox> ref{box(0, 0, 0, 10, 10), box(0, 8, 0, 10, 10)};
    QVERIFY(same(countsOf(ref, {box(0, 8, 4, 2, 2, 0.6), box(0, 3, 4, 2, 2, 0.9)}), 2, 0, 0));
  }

  // A = [0,10]² (centre 5,5), B = [6,16]x[0,10] (centre 11,5). Centroid (9,5), score 0.9, is 4 from
  // A's centre and 2 from B's: it takes B, so (3,5), score 0.8, still finds A. 2 hits.
  void nearestCentreWins() {
    const std::vector<ScoredBox> ref{box(0, 0, 0, 10, 10), box(0, 6, 0, 10, 10)};
    QVERIFY(same(countsOf(ref, {box(0, 8, 4, 2, 2, 0.9), box(0, 2, 4, 2, 2, 0.8)}), 2, 0, 0));
  }

  // As bestScoreFirst but both scores 0.7: the given order holds, so p (9,5) goes first; it is 4
  // from both centres and takes the first box, A; q (4,5) then finds A taken: 1 hit, 1 false
  // positive, B missed. Either other rule (q first, or the tie going to B) would give 2 hits.
  void equalScoresAndEqualDistancesGoToTheFirstGiven() {
    const std::vector<ScoredBox> ref{box(0, 0, 0, 10, 10), box(0, 8, 0, 10, 10)};
    QVERIFY(same(countsOf(ref, {box(0, 8, 4, 2, 2, 0.7), box(0, 3, 4, 2, 2, 0.7)}), 1, 1, 1));
  }

  // Below the score threshold a prediction is not counted; humans' boxes (score 1) always are.
  // A centroid in a crowd region of its class is neither a hit nor a false positive, and the
  // crowd region is never a miss.
  void scoreThresholdAndCrowd() {
    QVERIFY(same(countsOf({box(0, 0, 0, 10, 10)}, {box(0, 3, 3, 4, 4, 0.4)}), 0, 0, 1));
    CentroidOptions all;
    all.scoreThreshold = -1;
    QVERIFY(same(countsOf({box(0, 0, 0, 10, 10)}, {box(0, 3, 3, 4, 4, 0.4)}, 0, all), 1, 0, 0));
    QVERIFY(same(countsOf({box(0, 0, 0, 50, 50, 1, true)}, {box(0, 3, 3, 4, 4, 0.9), box(0, 60, 60, 4, 4, 0.9)}), 0, 1,
                 0));
  }

  // Two images, micro over classes. Image 1: car hit, person missed. Image 2: person hit, a car
  // false positive. car: tp 1 fp 1 (P 1/2, R 1); person: tp 1 fn 1 (P 1, R 1/2); overall tp 2 fp 1
  // fn 1: P = R = F1 = 2/3.
  void perClassAndOverall() {
    const auto s = centroidEvaluate(
        kClasses, {{box(0, 0, 0, 10, 10), box(1, 50, 50, 10, 20)}, {box(1, 0, 0, 10, 20)}},
        {{box(0, 4, 4, 2, 2, 0.9)}, {box(1, 4, 9, 2, 2, 0.8), box(0, 80, 80, 5, 5, 0.7)}});
    QVERIFY(same(s.perClass[0].scores.counts, 1, 1, 0));
    QVERIFY(same(s.perClass[1].scores.counts, 1, 0, 1));
    QCOMPARE(s.perClass[0].scores.precision, 0.5);
    QCOMPARE(s.perClass[1].scores.recall, 0.5);
    QVERIFY(same(s.overall.counts, 2, 1, 1));
    QVERIFY(qAbs(s.overall.precision - 2.0 / 3.0) < 1e-12);
    QVERIFY(qAbs(s.overall.recall - 2.0 / 3.0) < 1e-12);
    QVERIFY(qAbs(s.overall.f1 - 2.0 / 3.0) < 1e-12);
  }
};

static RegisterSuite<TestCentroidEval> reg;
#include "test_centroid_eval.moc"
