#include <QtTest>

#include "core/analysis/detection_confusion.h"
#include "tests/core/analysis/suites.h"

using namespace loupe;
using namespace loupe::analysis;

class TestDetectionConfusion : public QObject {
  Q_OBJECT
 private slots:
  // Classes car(0), person(1). Image: car A found as car; car B found as person (IoU 0.81);
  // person C missed; a false car far away; a low-score person below the 0.5 threshold.
  void backgroundRowAndColumn() {
    const std::vector<ScoredBox> ref{{0, {0, 0, 10, 10}, 1, false},
                                     {0, {50, 0, 10, 10}, 1, false},
                                     {1, {100, 100, 10, 20}, 1, false}};
    const std::vector<ScoredBox> pred{{0, {1, 0, 10, 10}, 0.9, false},
                                      {1, {50, 1, 10, 10}, 0.8, false},
                                      {0, {300, 300, 10, 10}, 0.7, false},
                                      {1, {100, 100, 10, 20}, 0.3, false}};
    const auto m = detectionConfusion({"car", "person"}, {ref}, {pred});
    QCOMPARE(m.classes.back(), std::string("background"));
    // rows = reference car, person, background; columns = model car, person, background.
    QCOMPARE(m.counts, (std::vector<std::vector<std::int64_t>>{{1, 1, 0}, {0, 0, 1}, {1, 0, 0}}));
  }

  // A same-class box wins over a better-overlapping box of another class.
  void sameClassMatchIsPreferred() {
    const std::vector<ScoredBox> ref{{1, {0, 0, 10, 10}, 1, false}, {0, {2, 0, 10, 10}, 1, false}};
    const std::vector<ScoredBox> pred{{0, {0, 0, 10, 10}, 0.9, false}};
    const auto m = detectionConfusion({"car", "person"}, {ref}, {pred});
    QCOMPARE(m.counts[0][0], std::int64_t{1});     // matched the car (IoU 0.67), not the person (1.0)
    QCOMPARE(m.counts[1][2], std::int64_t{1});     // the person is missed
  }

  void iouBelowThresholdIsTwoErrors() {
    const std::vector<ScoredBox> ref{{0, {0, 0, 10, 10}, 1, false}};
    const std::vector<ScoredBox> pred{{0, {5, 0, 10, 10}, 0.9, false}};  // IoU 50 / 150 = 0.33
    const auto m = detectionConfusion({"car"}, {ref}, {pred});
    QCOMPARE(m.counts, (std::vector<std::vector<std::int64_t>>{{0, 1}, {1, 0}}));
  }
};

static RegisterSuite<TestDetectionConfusion> reg;
#include "test_detection_confusion.moc"
