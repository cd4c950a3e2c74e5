// Box agreement: IoU, the assignment solver and two-stage matching, against hand-computed tables.
#include <QtTest>

#include <cmath>
#include <functional>
#include <random>

#include "core/agreement/box_matching.h"
#include "core/agreement/hungarian.h"

using namespace loupe;
using namespace loupe::agreement;

namespace {

void near(double actual, double expected, const char* what) {
  if (std::abs(actual - expected) > 1e-12)
    QFAIL(qPrintable(QString("%1 = %2, expected %3").arg(what).arg(actual, 0, 'g', 15).arg(expected, 0, 'g', 15)));
}

LabeledBox lb(int c, double x, double y, double w, double h) { return {c, Box{x, y, w, h}}; }

double totalCost(const std::vector<std::vector<double>>& cost, const std::vector<int>& colOf) {
  double s = 0;
  for (std::size_t i = 0; i < colOf.size(); ++i)
    if (colOf[i] >= 0) s += cost[i][static_cast<std::size_t>(colOf[i])];
  return s;
}

std::vector<double> negated(const std::vector<std::vector<double>>& m) {
  std::vector<double> out;
  for (const auto& r : m)
    for (double v : r) out.push_back(-v);
  return out;
}

}  // namespace

class TestBoxAgreement : public QObject {
  Q_OBJECT
 private slots:
  // Hand-computed: intersection area / union area.
  void iouTable() {
    near(iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0, "identical");
    near(iou({0, 0, 10, 10}, {5, 0, 10, 10}), 50.0 / 150.0, "half shifted");
    near(iou({0, 0, 10, 10}, {0, 0, 10, 5}), 0.5, "contained half");
    near(iou({0, 0, 10, 10}, {1, 1, 10, 10}), 81.0 / 119.0, "shifted by one");
    near(iou({0, 0, 10, 10}, {10, 0, 10, 10}), 0.0, "touching");
    near(iou({0, 0, 0, 0}, {0, 0, 0, 0}), 0.0, "degenerate");
  }

  // 3×3 cost matrix [[4,1,3],[2,0,5],[3,2,2]]; the six permutations (row i → col p[i]) cost
  // 012: 6, 021: 11, 102: 5, 120: 9, 201: 7, 210: 6, so the unique minimum 5 is 1,0,2.
  void assignmentSquare() {
    const std::vector<std::vector<double>> cost{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
    const auto colOf = maxWeightAssignment(negated(cost), 3, 3);
    QCOMPARE(colOf, (std::vector<int>{1, 0, 2}));
    near(totalCost(cost, colOf), 5, "cost");
  }

  // Every rectangular shape up to 6×6 on seeded random weights: the solver's total equals the
  // best total over all one-to-one assignments, enumerated by brute force.
  void assignmentMatchesBruteForce() {
    std::mt19937 rng(1234);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (int rows = 1; rows <= 6; ++rows)
      for (int cols = 1; cols <= 6; ++cols)
        for (int trial = 0; trial < 5; ++trial) {
          std::vector<double> w(static_cast<std::size_t>(rows * cols));
          for (auto& x : w) x = u(rng) < 0.3 ? 0.0 : u(rng);
          const auto colOf = maxWeightAssignment(w, rows, cols);
          std::vector<char> used(static_cast<std::size_t>(cols), 0);
          double got = 0;
          for (int i = 0; i < rows; ++i) {
            const int j = colOf[static_cast<std::size_t>(i)];
            if (j < 0) continue;
            QVERIFY(!used[static_cast<std::size_t>(j)]);
            used[static_cast<std::size_t>(j)] = 1;
            got += w[static_cast<std::size_t>(i * cols + j)];
          }
          // Brute force: the best over every injective map of the smaller side into the larger.
          std::function<double(int, std::vector<char>&)> best = [&](int i, std::vector<char>& taken) -> double {
            if (i == rows) return 0.0;
            double b = rows > cols ? best(i + 1, taken) : -1.0;  // a row may stay out when rows > cols
            for (int j = 0; j < cols; ++j) {
              if (taken[static_cast<std::size_t>(j)]) continue;
              taken[static_cast<std::size_t>(j)] = 1;
              b = std::max(b, w[static_cast<std::size_t>(i * cols + j)] + best(i + 1, taken));
              taken[static_cast<std::size_t>(j)] = 0;
            }
            return b < 0 ? best(i + 1, taken) : b;
          };
          std::vector<char> taken(static_cast<std::size_t>(cols), 0);
          const double expected = best(0, taken);
          if (std::abs(got - expected) > 1e-9)
            QFAIL(qPrintable(QString("%1×%2: %3 vs brute force %4").arg(rows).arg(cols).arg(got).arg(expected)));
        }
  }

  // Greedy (largest first) takes 0.9 then is left with 0.0; the optimum is 0.8 + 0.85.
  void assignmentBeatsGreedy() {
    const auto colOf = maxWeightAssignment({0.9, 0.8, 0.85, 0.0}, 2, 2);
    QCOMPARE(colOf, (std::vector<int>{1, 0}));
  }

  // Rectangular both ways: [[1,5,2],[4,1,1]] best is 5 + 4 = 9 (row0→1, row1→0); transposed,
  // the third row stays out.
  void assignmentRectangular() {
    QCOMPARE(maxWeightAssignment({1, 5, 2, 4, 1, 1}, 2, 3), (std::vector<int>{1, 0}));
    QCOMPARE(maxWeightAssignment({1, 4, 5, 1, 2, 1}, 3, 2), (std::vector<int>{1, 0, -1}));
    QCOMPARE(maxWeightAssignment({}, 0, 3), std::vector<int>{});
    QCOMPARE(maxWeightAssignment({}, 2, 0), (std::vector<int>{-1, -1}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, maxWeightAssignment({1, 2}, 2, 2));
  }

  // a: class 0 at (0,0), class 0 at (20,0), class 1 at (40,0); b: class 0 at (1,1) [IoU 81/119
  // with a's first], class 1 at (20,0) [same place as a's second, other class], class 1 far away.
  // matched 1, class mismatch 1, missing 1 (a's class-1 box), extra 1 (b's far box).
  void twoStageMatching() {
    const std::vector<LabeledBox> a{lb(0, 0, 0, 10, 10), lb(0, 20, 0, 10, 10), lb(1, 40, 0, 10, 10)};
    const std::vector<LabeledBox> b{lb(0, 1, 1, 10, 10), lb(1, 20, 0, 10, 10), lb(1, 100, 100, 5, 5)};
    const auto c = matchBoxes(a, b, 0.5);
    QCOMPARE(c.matched, std::size_t(1));
    QCOMPARE(c.classMismatch, std::size_t(1));
    QCOMPARE(c.missing(), std::size_t(1));
    QCOMPARE(c.extra(), std::size_t(1));
    const auto s = summarize(c);
    near(*s.precision.value, 1.0 / 3, "precision");
    near(*s.recall.value, 1.0 / 3, "recall");
    near(*s.f1.value, 1.0 / 3, "f1");
    near(*s.meanIou.value, 81.0 / 119.0, "mean IoU");
  }

  // A1=(0,0), A2=(4,0), B1=(3,0), B2=(7,0), all 10×10. IoU(A1,B1) = 70/130, IoU(A2,B1) = 90/110,
  // IoU(A2,B2) = 70/130, IoU(A1,B2) = 30/170. Greedy by IoU pairs A2-B1 and leaves A1-B2 below
  // 0.5; the one-to-one optimum matches both pairs at 70/130.
  void matchingMaximisesPairs() {
    const std::vector<LabeledBox> a{lb(0, 0, 0, 10, 10), lb(0, 4, 0, 10, 10)};
    const std::vector<LabeledBox> b{lb(0, 3, 0, 10, 10), lb(0, 7, 0, 10, 10)};
    const auto c = matchBoxes(a, b, 0.5);
    QCOMPARE(c.matched, std::size_t(2));
    near(*summarize(c).meanIou.value, 70.0 / 130.0, "mean IoU");
    // At threshold 0.6 only A2-B1 (0.818) qualifies.
    const auto strict = matchBoxes(a, b, 0.6);
    QCOMPARE(strict.matched, std::size_t(1));
    near(strict.matchedIouSum, 90.0 / 110.0, "IoU");
  }

  // IoU exactly at the threshold counts as a match.
  void thresholdIsInclusive() {
    const auto c = matchBoxes({lb(0, 0, 0, 10, 10)}, {lb(0, 0, 0, 10, 5)}, 0.5);
    QCOMPARE(c.matched, std::size_t(1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, matchBoxes({}, {}, 0.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, matchBoxes({}, {}, 1.5));
  }

  void emptySidesAreUndefined() {
    const auto onlyA = summarize(matchBoxes({lb(0, 0, 0, 10, 10)}, {}, 0.5));
    QVERIFY(!onlyA.precision.value);
    QVERIFY(!onlyA.precision.note.empty());
    near(*onlyA.recall.value, 0, "recall");
    near(*onlyA.f1.value, 0, "f1");
    QVERIFY(!onlyA.meanIou.value);
    QCOMPARE(onlyA.counts.missing(), std::size_t(1));
    const auto none = summarize(matchBoxes({}, {}, 0.5));
    QVERIFY(!none.f1.value && !none.recall.value && !none.precision.value);
  }

  // Counts add up over items.
  void countsAccumulate() {
    BoxCounts sum;
    sum += matchBoxes({lb(0, 0, 0, 10, 10)}, {lb(0, 0, 0, 10, 10)}, 0.5);
    sum += matchBoxes({lb(0, 0, 0, 10, 10), lb(1, 50, 50, 4, 4)}, {}, 0.5);
    QCOMPARE(sum.boxesA, std::size_t(3));
    QCOMPARE(sum.boxesB, std::size_t(1));
    const auto s = summarize(sum);
    near(*s.precision.value, 1.0, "precision");
    near(*s.recall.value, 1.0 / 3, "recall");
    near(*s.f1.value, 0.5, "f1");
  }
};

QTEST_GUILESS_MAIN(TestBoxAgreement)
#include "test_box_agreement.moc"
