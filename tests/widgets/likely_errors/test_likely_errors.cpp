// The Likely errors dock in the real main window on real project files. Box issues: bob's boxes
// on a.png held against a detector's stored boxes give a missed box (0.9) and a wrong class (0.8),
// worst first; Return accepts the first as alice's answer (a copy of bob's boxes plus the missed
// one), undo takes it back and the entry returns, R relabels, D dismisses, and "Show decided"
// lists the decided ones again. Label issues: 2-fold cross-validation of the demo's reference
// labels on the worker thread, accepted as the reviewer's label; Cancel leaves the queue alone.
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include "tests/support/annotation_values.h"
#include "tests/widgets/fixture.h"
#include "storage/project.h"
#include "widgets/likely_errors/likely_errors_panel.h"
#include "widgets/likely_errors/review_queue_model.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/review/review_canvas.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {
Annotation scoredBox(Id item, Id labeler, Id cls, Box box, double score) {
  Annotation a = test::boxLabel(item, labeler, cls, box);
  a.score = score;
  return a;
}
bool hasBox(const std::vector<Annotation>& anns, Id cls, Box box) {
  return std::any_of(anns.begin(), anns.end(), [&](const Annotation& a) { return a.classId == cls && a.box == box; });
}
}  // namespace

class TestLikelyErrors : public test::MainWindowTest {
  Q_OBJECT

  Workspace* ws() { return win_->workspace(); }
  LikelyErrorsPanel* panel() { return win_->projectDocks()->likelyErrors(); }
  QTableView* queue() { return panel()->findChild<QTableView*>("likelyErrorsQueue"); }
  int rows() { return panel()->queueModel()->rowCount(); }
  std::vector<Annotation> of(Id item, Id labeler) { return ws()->project().annotations().of(item, labeler); }
  void key(Qt::Key k) {
    queue()->setFocus();
    QTest::keyClick(queue(), k);
  }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }
  void cleanup() { win_.reset(); }

  void boxIssuesAcceptedRelabeledDismissedAndUndone() {
    proj_ = test::freshSmallProject(dir_, "likely");
    Id det = 0;
    {
      auto p = storage::Project::open(proj_.path.toStdString());
      det = p.labelers().add("det", LabelerKind::Model).id;
      p.annotations().add(scoredBox(proj_.a, det, proj_.cat, {100, 60, 40, 40}, 0.9));  // bob missed it
      p.annotations().add(scoredBox(proj_.a, det, proj_.cat, {10, 10, 50, 40}, 0.8));   // bob's dog box
    }
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1600, 1000));
    QVERIFY(win_);
    QDockWidget* dock = win_->projectDocks()->likelyErrorsDock();
    QCOMPARE(dock->windowTitle(), QString("Likely errors"));
    dock->raise();
    QVERIFY(panel());

    // A labeler who draws boxes needs a detector: cross-validation is refused with a reason.
    panel()->setRequest("bob", "");
    panel()->run();
    QVERIFY(!panel()->isRunning());
    QVERIFY2(panel()->statusText().contains("draws boxes"), qPrintable(panel()->statusText()));

    panel()->setRequest("bob", "det");
    QTest::mouseClick(panel()->findChild<QPushButton*>("likelyErrorsRun"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isRunning(), 20000);
    QVERIFY2(rows() == 2, qPrintable(panel()->statusText()));
    auto first = panel()->queueModel()->entry(0);
    QCOMPARE(first.box->kind, std::string("missed"));
    QCOMPARE(first.score, 0.9);
    QCOMPARE(panel()->queueModel()->entry(1).box->kind, std::string("wrong_class"));
    QCOMPARE(panel()->queueModel()->data(panel()->queueModel()->index(1, ReviewQueueModel::Given), Qt::DisplayRole).toString(),
             QString("dog"));
    QCOMPARE(panel()->queueModel()->data(panel()->queueModel()->index(1, ReviewQueueModel::Suggested), Qt::DisplayRole).toString(),
             QString("cat"));
    // The preview: bob's other box muted, the questioned one (none for a missed box), the
    // suggestion dashed.
    const auto& answers = panel()->preview()->answers();
    QCOMPARE(answers.size(), std::size_t{3});
    QCOMPARE(answers.back().style, Qt::DashLine);
    QCOMPARE(answers.back().boxes.size(), std::size_t{1});
    QCOMPARE(answers.back().boxes[0].second, (Box{100, 60, 40, 40}));

    // Return accepts: alice starts from a copy of bob's boxes and gets the missed one; bob's stay.
    key(Qt::Key_Return);
    QCOMPARE(of(proj_.a, proj_.alice).size(), std::size_t{2});
    QVERIFY(hasBox(of(proj_.a, proj_.alice), proj_.cat, {100, 60, 40, 40}));
    QVERIFY(hasBox(of(proj_.a, proj_.alice), proj_.dog, {10, 10, 50, 40}));
    QCOMPARE(of(proj_.a, proj_.bob).size(), std::size_t{1});
    QCOMPARE(rows(), 1);
    QCOMPARE(panel()->currentEntry()->box->kind, std::string("wrong_class"));  // the next one is selected
    ws()->undo();
    QVERIFY(of(proj_.a, proj_.alice).empty());
    QCOMPARE(rows(), 2);
    QVERIFY(!ws()->project().issueDecisions().find(proj_.a, proj_.bob, first.subject));
    ws()->redo();
    QCOMPARE(of(proj_.a, proj_.alice).size(), std::size_t{2});
    QCOMPARE(rows(), 1);

    // R relabels the wrong-class box with the class chosen (the suggestion preset: cat; bird here).
    panel()->findChild<QComboBox*>("likelyErrorsClass")->setCurrentText("bird");
    key(Qt::Key_R);
    QVERIFY(hasBox(of(proj_.a, proj_.alice), proj_.bird, {10, 10, 50, 40}));
    QCOMPARE(rows(), 0);
    QVERIFY(panel()->statusText().contains("Nothing left"));
    ws()->undo();
    QVERIFY(hasBox(of(proj_.a, proj_.alice), proj_.dog, {10, 10, 50, 40}));
    QCOMPARE(rows(), 1);

    // D dismisses: no annotation changes, the decision is stored, the entry leaves.
    key(Qt::Key_D);
    QCOMPARE(rows(), 0);
    QVERIFY(hasBox(of(proj_.a, proj_.alice), proj_.dog, {10, 10, 50, 40}));
    const auto dismissed = ws()->project().issueDecisions().of(proj_.bob);
    QCOMPARE(dismissed.size(), std::size_t{2});
    QVERIFY(std::any_of(dismissed.begin(), dismissed.end(),
                        [](const storage::IssueDecision& d) { return d.decision == storage::IssueDecisionKind::Dismissed; }));
    panel()->findChild<QCheckBox*>("likelyErrorsShowDecided")->setChecked(true);
    QCOMPARE(rows(), 2);
    panel()->findChild<QCheckBox*>("likelyErrorsShowDecided")->setChecked(false);
    QCOMPARE(rows(), 0);

    const QString shot = qEnvironmentVariable("LOUPE_LIKELY_ERRORS_SHOT");
    if (!shot.isEmpty()) {
      ws()->undo();
      ws()->undo();  // back to the first entry
      panel()->selectRow(0);
      win_->resizeDocks({dock}, {430}, Qt::Vertical);  // as a reviewer would, to see the preview
      QTest::qWait(200);
      QVERIFY(panel()->height() <= dock->height());  // no scrolling inside a dock this tall
      QVERIFY(win_->grab().save(shot));
    }
  }

  void labelIssuesByCrossValidationAndCancel() {
    QTemporaryDir own;
    const QString path = test::makeSmallDemo(own);
    win_ = test::openInMainWindow(path, "newcomer", QSize(1600, 1000));
    QVERIFY(win_);
    win_->projectDocks()->likelyErrorsDock()->raise();
    const Id reviewer = ws()->labeler().id;

    // Cancel at once: nothing found, nothing written.
    panel()->setRequest("reference", "", 2, 1);
    panel()->run();
    QVERIFY(panel()->isRunning());
    QTest::mouseClick(panel()->findChild<QPushButton*>("likelyErrorsCancel"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isRunning(), 60000);
    QVERIFY2(panel()->statusText().startsWith("Cancelled"), qPrintable(panel()->statusText()));
    QCOMPARE(rows(), 0);

    panel()->run();
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->isRunning(), 180000);
    QVERIFY2(rows() > 0, qPrintable(panel()->statusText()));
    for (int r = 0; r < rows(); ++r) {
      const auto& e = panel()->queueModel()->entry(r);
      QVERIFY(!e.box);
      QVERIFY(e.given != e.suggested);
      QVERIFY(e.score >= 0.0 && e.score <= 1.0);
      if (r > 0) QVERIFY(panel()->queueModel()->entry(r - 1).score >= e.score);
    }
    const auto top = panel()->queueModel()->entry(0);
    const int count = rows();
    QTest::mouseClick(panel()->findChild<QPushButton*>("likelyErrorsAccept"), Qt::LeftButton);
    const auto mine = of(top.itemId, reviewer);
    QCOMPARE(mine.size(), std::size_t{1});
    QCOMPARE(ws()->project().classes().byId(mine[0].classId)->name, top.suggested);
    QCOMPARE(rows(), count - 1);
    ws()->undo();
    QVERIFY(of(top.itemId, reviewer).empty());
    QCOMPARE(rows(), count);
  }
};

QTEST_MAIN(TestLikelyErrors)
#include "test_likely_errors.moc"
