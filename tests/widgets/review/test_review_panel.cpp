// ReviewPanel end to end on a real project: the queue, resolutions under the consensus
// labeler (originals untouched), undo/redo, class merge/rename, and the agreement trend.
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <memory>

#include "storage/project.h"
#include "widgets/review/agreement_trend.h"
#include "widgets/review/disagreement_model.h"
#include "widgets/review/labeler_colors.h"
#include "widgets/review/review_canvas.h"
#include "widgets/review/review_panel.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {

Id addItem(storage::Project& p, const std::string& name) {
  storage::NewItem it;
  it.name = name;
  it.width = it.height = 100;
  return p.addItem(it);
}

Annotation ann(Id item, Id labeler, Id cls, std::optional<Box> box = std::nullopt) {
  Annotation a;
  a.itemId = item;
  a.labelerId = labeler;
  a.classId = cls;
  if (box) {
    a.kind = AnnotationKind::Box;
    a.box = *box;
  }
  return a;
}

int pixelsOf(const QImage& img, const QColor& c) {
  int n = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x)
      if (img.pixelColor(x, y).rgb() == c.rgb()) ++n;
  return n;
}

}  // namespace

class TestReviewPanel : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  // The panel edits through the session, as in the main window; project_ is the session's.
  std::unique_ptr<widgets::Workspace> ws_;
  storage::Project* project_ = nullptr;
  ClassDef deep_, shallow_, dent_;
  Labeler alice_, bob_;
  Id item1_ = 0, item2_ = 0, item3_ = 0, item4_ = 0;

 private slots:
  // item1: alice "deep scratch", bob "shallow scratch"   (disagree)
  // item2: both "dent"                                   (agree)
  // item3: alice "dent", bob "deep scratch"              (disagree)
  // item4: alice and bob each draw a dent box, far apart (box F1 0)
  void init() {
    QVERIFY(dir_.isValid());
    const auto path = dir_.filePath(QString("review-%1.loupe").arg(QTest::currentTestFunction())).toStdString();
    ws_ = std::make_unique<widgets::Workspace>();
    ws_->setProject(storage::Project::create(path));
    project_ = &ws_->project();
    auto& p = *project_;
    deep_ = p.addClass("deep scratch");
    shallow_ = p.addClass("shallow scratch");
    dent_ = p.addClass("dent");
    alice_ = p.addLabeler("alice", LabelerKind::Human);
    bob_ = p.addLabeler("bob", LabelerKind::Human);
    item1_ = addItem(p, "one");
    item2_ = addItem(p, "two");
    item3_ = addItem(p, "three");
    item4_ = addItem(p, "four");
    p.addAnnotation(ann(item1_, alice_.id, deep_.id));
    p.addAnnotation(ann(item1_, bob_.id, shallow_.id));
    p.addAnnotation(ann(item2_, alice_.id, dent_.id));
    p.addAnnotation(ann(item2_, bob_.id, dent_.id));
    p.addAnnotation(ann(item3_, alice_.id, dent_.id));
    p.addAnnotation(ann(item3_, bob_.id, deep_.id));
    p.addAnnotation(ann(item4_, alice_.id, dent_.id, Box{5, 5, 30, 30}));
    p.addAnnotation(ann(item4_, bob_.id, dent_.id, Box{60, 60, 30, 30}));
  }

  void cleanup() {
    project_ = nullptr;
    ws_.reset();
  }

  void queueListsDisagreementsWorstFirst() {
    ReviewPanel panel(ws_.get());
    auto* model = panel.queueModel();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->itemId(0), item1_);
    QCOMPARE(model->itemId(1), item3_);
    QCOMPARE(model->itemId(2), item4_);
    QCOMPARE(model->score(0), 1.0);
    QCOMPARE(model->answers(0), QString("alice: deep scratch · bob: shallow scratch"));
    QCOMPARE(model->data(model->index(0, DisagreementModel::ItemColumn)).toString(), QString("one"));
    QCOMPARE(panel.currentItem(), std::optional<Id>(item1_));
    QCOMPARE(panel.canvas()->answers().size(), std::size_t(2));
  }

  void pickingAnAnswerWritesConsensusAndUndoes() {
    QUndoStack& stack = *ws_->undoStack();
    ReviewPanel panel(ws_.get());
    panel.useLabelerAnswer(alice_.id);
    const auto consensus = project_->labelerByName("consensus");
    QVERIFY(consensus);
    QVERIFY(consensus->kind == LabelerKind::Consensus);
    auto resolved = project_->annotations(item1_, consensus->id);
    QCOMPARE(resolved.size(), std::size_t(1));
    QCOMPARE(resolved[0].classId, deep_.id);
    // The originals are untouched.
    QCOMPARE(project_->annotations(item1_, bob_.id).at(0).classId, shallow_.id);
    QCOMPARE(project_->annotations(item1_, alice_.id).size(), std::size_t(1));
    // The consensus labeler is not a labeler to agree with: the queue is unchanged.
    QCOMPARE(panel.queueModel()->rowCount(), 3);
    stack.undo();
    QVERIFY(project_->annotations(item1_, consensus->id).empty());
    stack.redo();
    QCOMPARE(project_->annotations(item1_, consensus->id).size(), std::size_t(1));
    // A second resolution replaces the first; undo brings the first back.
    panel.setConsensusClass(dent_.id);
    QCOMPARE(project_->annotations(item1_, consensus->id).at(0).classId, dent_.id);
    stack.undo();
    QCOMPARE(project_->annotations(item1_, consensus->id).at(0).classId, deep_.id);
  }

  void uncertainAndAmbiguous() {
    QUndoStack& stack = *ws_->undoStack();
    ReviewPanel panel(ws_.get());
    panel.markUncertain();
    const auto uncertain = project_->classByName("uncertain");
    QVERIFY(uncertain);
    const auto consensus = project_->labelerByName("consensus");
    QCOMPARE(project_->annotations(item1_, consensus->id).at(0).classId, uncertain->id);
    panel.markAmbiguous();
    QVERIFY(project_->item(item1_)->ambiguous);
    stack.undo();
    QVERIFY(!project_->item(item1_)->ambiguous);
  }

  // Merging "shallow scratch" into "deep scratch" resolves item1 (both now say deep scratch),
  // so the queue shrinks; undo restores the class and bob's label.
  void mergeAndRenameRecompute() {
    QUndoStack& stack = *ws_->undoStack();
    ReviewPanel panel(ws_.get());
    panel.mergeClass(shallow_.id, deep_.id);
    QVERIFY(!project_->classById(shallow_.id));
    QCOMPARE(project_->annotations(item1_, bob_.id).at(0).classId, deep_.id);
    QCOMPARE(panel.queueModel()->rowCount(), 2);
    stack.undo();
    QCOMPARE(project_->classById(shallow_.id)->name, std::string("shallow scratch"));
    QCOMPARE(project_->annotations(item1_, bob_.id).at(0).classId, shallow_.id);
    QCOMPARE(panel.queueModel()->rowCount(), 3);

    panel.renameClass(deep_.id, "scratch");
    QCOMPARE(project_->classById(deep_.id)->name, std::string("scratch"));
    QCOMPARE(panel.queueModel()->answers(0), QString("alice: scratch · bob: shallow scratch"));
    stack.undo();
    QCOMPARE(project_->classById(deep_.id)->name, std::string("deep scratch"));
  }

  // Another connection changes the consensus this panel wrote: the undo is refused (reported
  // through the workspace, dropped from the stack), the file keeps their change, nothing throws.
  void undoOverAnOutsideChangeIsRefused() {
    QUndoStack& stack = *ws_->undoStack();
    ReviewPanel panel(ws_.get());
    QSignalSpy errors(ws_.get(), &widgets::Workspace::errorOccurred);
    panel.useLabelerAnswer(alice_.id);
    const Id consensus = project_->labelerByName("consensus")->id;
    const Id written = project_->annotations(item1_, consensus).at(0).id;
    storage::Project::open(project_->path()).setAnnotationClass(written, dent_.id);
    stack.undo();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains("changed by another process"),
             qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(project_->annotations(item1_, consensus).size(), std::size_t(1));
    QCOMPARE(project_->annotations(item1_, consensus).at(0).classId, dent_.id);
    QCOMPARE(stack.count(), 0);
  }

  // Image labels on items 1-3, agreeing on item 2 only: percent agreement 1/3 per snapshot.
  void trendShowsSnapshots() {
    ReviewPanel panel(ws_.get());
    QVERIFY(panel.trend()->points().empty());
    panel.recomputeAgreement();
    panel.mergeClass(shallow_.id, deep_.id);  // item1 now agrees: 2/3
    panel.recomputeAgreement();
    const auto& points = panel.trend()->points();
    QCOMPARE(points.size(), std::size_t(2));
    QVERIFY(std::abs(*points[0].percentAgreement - 1.0 / 3) < 1e-12);
    QVERIFY(std::abs(*points[1].percentAgreement - 2.0 / 3) < 1e-12);
    QVERIFY(points[0].krippendorffAlpha.has_value());
    const QImage chart = panel.trend()->grab().toImage();
    QVERIFY(pixelsOf(chart, labelerColor(4)) > 0);  // the alpha series is drawn
    storage::AgreementSnapshot broken;
    broken.metricsJson = "not json";
    QVERIFY(!trendFromSnapshots({broken}).at(0).percentAgreement);
  }

  // Each labeler's boxes are drawn in the labeler's colour, overlaid or side by side.
  void canvasDrawsEachLabelerInItsColour() {
    ReviewPanel panel(ws_.get());
    panel.selectRow(2);
    QCOMPARE(panel.currentItem(), std::optional<Id>(item4_));
    auto* canvas = panel.canvas();
    canvas->resize(400, 300);
    for (auto layout : {ReviewCanvas::Layout::Overlay, ReviewCanvas::Layout::SideBySide}) {
      canvas->setLayout(layout);
      const QImage img = canvas->grab().toImage();
      QVERIFY(pixelsOf(img, labelerColor(0)) > 20);
      QVERIFY(pixelsOf(img, labelerColor(1)) > 20);
    }
  }

  // Issue 12, defect 5: the consensus choice starts at what most labelers said, not at the
  // first class. Carol joins bob on item1 (shallow scratch, 2 to 1); item3 stays a tie, where
  // the earlier class in the project's order wins (deep scratch before dent).
  void consensusChoiceStartsAtTheMajority() {
    const Labeler carol = project_->addLabeler("carol", LabelerKind::Human);
    project_->addAnnotation(ann(item1_, carol.id, shallow_.id));
    ReviewPanel panel(ws_.get());
    auto select = [&](Id item) {
      for (int r = 0; r < panel.queueModel()->rowCount(); ++r)
        if (panel.queueModel()->itemId(r) == item) panel.selectRow(r);
    };
    select(item1_);
    QCOMPARE(panel.currentItem(), std::optional<Id>(item1_));
    QCOMPARE(panel.consensusChoice()->currentText(), QString("shallow scratch"));
    select(item3_);
    QCOMPARE(panel.currentItem(), std::optional<Id>(item3_));
    QCOMPARE(panel.consensusChoice()->currentText(), QString("deep scratch"));
    project_->addAnnotation(ann(item3_, carol.id, dent_.id));
    panel.reload();
    QCOMPARE(panel.currentItem(), std::optional<Id>(item3_));
    QCOMPARE(panel.consensusChoice()->currentText(), QString("dent"));
  }

  // Issue 12, defect 5: clicking or double-clicking a row opens its item (the main window puts
  // it on the labeling canvas), also the row already selected.
  void clickingARowOpensTheItem() {
    ReviewPanel panel(ws_.get());
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy opened(&panel, &ReviewPanel::itemOpened);
    QTableView* view = panel.queueView();
    const QPoint row0 = view->visualRect(panel.queueModel()->index(0, 0)).center();
    const QPoint row1 = view->visualRect(panel.queueModel()->index(1, 0)).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row0);
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.at(0).at(0).value<qint64>(), item1_);
    // A double click as a window system delivers it: press, release, then the double click.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row1);
    QCOMPARE(opened.size(), 2);
    QCOMPARE(opened.at(1).at(0).value<qint64>(), item3_);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, row1);
    QCOMPARE(opened.size(), 3);
    QCOMPARE(opened.at(2).at(0).value<qint64>(), item3_);
    QCOMPARE(panel.currentItem(), std::optional<Id>(item3_));
  }
};

QTEST_MAIN(TestReviewPanel)
#include "test_review_panel.moc"
