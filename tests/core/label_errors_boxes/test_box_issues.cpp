// Hand-placed boxes: 10x10 squares on a line, one case of each issue kind.
#include <QtTest/QtTest>

#include "core/label_errors/box_issues.h"

using namespace loupe::label_errors;
using loupe::analysis::ScoredBox;

namespace {
ScoredBox box(int cls, double x, double y, double w, double h, double score = 1.0) {
  return {.cls = cls, .box = {x, y, w, h}, .score = score, .crowd = false};
}
}  // namespace

class TestBoxIssues : public QObject {
  Q_OBJECT
 private slots:
  void oneOfEachKind() {
    const std::vector<ScoredBox> given = {box(0, 0, 0, 10, 10), box(1, 20, 0, 10, 10), box(0, 40, 0, 10, 10),
                                          box(0, 60, 0, 10, 10)};
    const std::vector<ScoredBox> predicted = {
        box(0, 0, 0, 10, 10, 0.9),   // agrees with box 0
        box(0, 20, 0, 10, 10, 0.8),  // box 1 is class 1: wrong class, 0.8
        box(0, 45, 0, 10, 20, 0.7),  // box 2: IoU 50 / 250 = 0.2, centre (50, 10) on its corner: misplaced 0.7 x 0.8
        box(1, 80, 0, 10, 10, 0.6),  // nothing there: missed, 0.6
        box(1, 60, 0, 10, 10, 0.3),  // too unsure to pair; box 3 is spurious with 1 - 0.3
    };
    const auto found = findBoxIssues(given, predicted);
    QCOMPARE(found.issues.size(), std::size_t{4});
    QCOMPARE(toString(found.issues[0].kind), toString(BoxIssueKind::WrongClass));
    QCOMPARE(found.issues[0].given, 1);
    QCOMPARE(found.issues[0].predicted, 1);
    QCOMPARE(found.issues[0].score, 0.8);
    QCOMPARE(toString(found.issues[1].kind), toString(BoxIssueKind::Spurious));
    QCOMPARE(found.issues[1].given, 3);
    QVERIFY(std::abs(found.issues[1].score - 0.7) < 1e-12);
    QCOMPARE(toString(found.issues[2].kind), toString(BoxIssueKind::Missed));
    QCOMPARE(found.issues[2].predicted, 3);
    QCOMPARE(toString(found.issues[3].kind), toString(BoxIssueKind::Misplaced));
    QVERIFY(std::abs(found.issues[3].iou - 0.2) < 1e-12);
    QVERIFY(std::abs(found.issues[3].score - 0.56) < 1e-12);
    // 1 - 0.2 x 0.3 x 0.4 x 0.44
    QVERIFY(std::abs(found.score - 0.98944) < 1e-9);
  }

  void moreBoxesThanPredictions() {
    const std::vector<ScoredBox> given = {box(0, 0, 0, 10, 10), box(0, 20, 0, 10, 10), box(0, 40, 0, 10, 10)};
    const std::vector<ScoredBox> predicted = {box(0, 21, 1, 10, 10, 0.9)};
    const auto found = findBoxIssues(given, predicted);
    QCOMPARE(found.issues.size(), std::size_t{2});
    for (const auto& i : found.issues) {
      QCOMPARE(toString(i.kind), toString(BoxIssueKind::Spurious));
      QCOMPARE(i.score, 1.0);
      QVERIFY(i.given == 0 || i.given == 2);
    }
    QCOMPARE(found.score, 1.0);
  }

  void theAssignmentPairsAsManyAsItCan() {
    // Prediction 0 overlaps both boxes, prediction 1 only box 0: pairing 0 with box 1 and 1 with
    // box 0 leaves nothing unexplained, although prediction 0 overlaps box 0 best.
    const std::vector<ScoredBox> given = {box(0, 0, 0, 10, 10), box(0, 8, 0, 10, 10)};
    const std::vector<ScoredBox> predicted = {box(0, 2, 0, 10, 10, 0.9), box(0, -3, 0, 10, 10, 0.9)};
    const auto found = findBoxIssues(given, predicted, {.minScore = 0.5, .placementIou = 0.3, .pairIou = 0.1});
    // IoUs: p1-b0 70/130 = 0.54 (placed well), p0-b1 40/160 = 0.25 (misplaced).
    QCOMPARE(found.issues.size(), std::size_t{1});
    QCOMPARE(toString(found.issues[0].kind), toString(BoxIssueKind::Misplaced));
    QCOMPARE(found.issues[0].given, 1);
    QCOMPARE(found.issues[0].predicted, 0);
  }

  void nothingIsNothing() {
    const auto found = findBoxIssues({}, {});
    QVERIFY(found.issues.empty());
    QCOMPARE(found.score, 0.0);
    QCOMPARE(toString(BoxIssueKind::WrongClass), std::string_view("wrong_class"));
  }

  void rejectsBadOptions() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, findBoxIssues({}, {}, {.minScore = 1.5}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, findBoxIssues({}, {}, {.minScore = 0.5, .placementIou = -0.1}));
  }
};

QTEST_GUILESS_MAIN(TestBoxIssues)
#include "test_box_issues.moc"
