// Walking through a model's errors in the real main window (issue 12, defects 4, 5 and 7): the
// Analysis dock compares the model with the reference labeler by default; opening the items of
// a heatmap cell or a slice shows the model's answer (with its score) and the reference's on the
// canvas and in the item panel; a review row opens its item on the canvas; the browser says
// whose labels an "unlabeled" row lacks.
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "fixture.h"
#include "storage/demo/demo_project.h"
#include "storage/project.h"
#include "tests/support/annotation_values.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/slice_table_widget.h"
#include "widgets/browser/item_delegate.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/item_panel/item_panel.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/review/disagreement_model.h"
#include "widgets/review/review_panel.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

class AnalysisWalkTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  test::SmallProject proj_;
  Id reference_ = 0, net_ = 0;
  std::unique_ptr<MainWindow> win_;
  int n_ = 0;

  // Reference: a cat, b dog, c dog. Model net: a cat 0.91, b cat 0.83, c dog 0.70 — its one
  // error is b. Alice (who labels) has said b is a cat and nothing else.
  void open() {
    proj_ = test::makeSmallProject(dir_.filePath(QStringLiteral("walk%1.loupe").arg(++n_)));
    {
      auto p = storage::Project::open(proj_.path.toStdString());
      reference_ = p.addLabeler("reference", LabelerKind::Reference).id;
      net_ = p.addLabeler("net", LabelerKind::Model).id;
      p.addAnnotation(test::imageLabel(proj_.a, reference_, proj_.cat));
      p.addAnnotation(test::imageLabel(proj_.b, reference_, proj_.dog));
      p.addAnnotation(test::imageLabel(proj_.c, reference_, proj_.dog));
      p.addAnnotation(test::imageLabel(proj_.a, net_, proj_.cat, 0.91));
      p.addAnnotation(test::imageLabel(proj_.b, net_, proj_.cat, 0.83));
      p.addAnnotation(test::imageLabel(proj_.c, net_, proj_.dog, 0.70));
      p.addAnnotation(test::imageLabel(proj_.b, proj_.alice, proj_.cat));
    }
    win_ = test::showMainWindow(QSize(1300, 850));
    QVERIFY(win_);
    QVERIFY(win_->openProject(proj_.path, "alice"));
  }

  QLabel* banner() const { return win_->canvas()->findChild<QLabel*>("evaluationBanner"); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
  }
  void init() { QSettings().clear(); }
  void cleanup() { win_.reset(); }

  void heatmapCellShowsPredictionAndReference() {
    open();
    AnalysisDock* analysis = win_->projectDocks()->analysis();
    QCOMPARE(analysis->modelChoice()->currentText(), QString("net"));
    QCOMPARE(analysis->referenceChoice()->currentText(), QString("reference"));
    analysis->recompute();
    QCOMPARE(analysis->statusText(), QString("3 evaluated item(s)"));
    QVERIFY(!banner() || !banner()->isVisible());  // nothing to show before a walk starts

    QDockWidget* dock = win_->projectDocks()->analysisDock();
    dock->setFloating(true);
    dock->resize(900, 700);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock));
    widgets::ConfusionHeatmap* heat = analysis->heatmap();
    QTest::mouseClick(heat, Qt::LeftButton, {}, heat->cellRect(1, 0).center());  // reference dog, model cat
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    const QString line("model net: cat (0.83) · reference: dog");
    QCOMPARE(win_->itemPanel()->evaluationText(), line);
    QVERIFY(banner());
    QVERIFY(banner()->isVisible());
    QCOMPARE(banner()->text(), line);
    // Both labelers' annotations are on the canvas (boxes as overlays, image labels listed).
    QVERIFY(win_->canvasController()->visibleOverlays().contains(net_));
    QVERIFY(win_->canvasController()->visibleOverlays().contains(reference_));

    // The slice class=dog holds b and c; stepping on keeps the line up to date.
    widgets::SliceTableWidget* slices = analysis->sliceTable();
    int dogRow = -1;
    for (int r = 0; r < slices->model()->rowCount(); ++r)
      if (slices->model()->sliceRow(r).slice == "class=dog") dogRow = r;
    QVERIFY(dogRow >= 0);
    slices->view()->setCurrentIndex(slices->model()->index(dogRow, 0));
    QCOMPARE(win_->itemModel()->rowCount(), 2);
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    win_->step(1);
    QCOMPARE(win_->workspace()->currentItem(), proj_.c);
    QCOMPARE(win_->itemPanel()->evaluationText(), QString("model net: dog (0.70) · reference: dog"));
    QCOMPARE(banner()->text(), QString("model net: dog (0.70) · reference: dog"));
  }

  void reviewRowOpensTheItemOnTheCanvas() {
    open();
    widgets::ReviewPanel* review = win_->projectDocks()->review();
    QVERIFY(review);
    int row = -1;
    for (int r = 0; r < review->queueModel()->rowCount(); ++r)
      if (review->queueModel()->itemId(r) == proj_.b) row = r;
    QVERIFY(row >= 0);  // alice said cat, the reference dog
    QDockWidget* dock = win_->projectDocks()->reviewDock();
    dock->setFloating(true);
    dock->resize(900, 500);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock));
    win_->workspace()->setCurrentItem(proj_.c);
    QTableView* view = review->queueView();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(review->queueModel()->index(row, 0)).center());
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
  }

  // The demo project (Fashion-MNIST, no model yet): a person is evaluated against the reference
  // by default, and the dock is written to <build>/test-output/analysis_dock.png to look at.
  void demoAnalysisComparesAPersonWithTheReference() {
    const QString path = dir_.filePath("demo.loupe");
    storage::DemoOptions options;
    options.trainImages = 120;
    options.testImages = 30;
    storage::buildDemoProject(path.toStdString(), options);
    win_ = test::showMainWindow(QSize(1440, 900));
    QVERIFY(win_);
    QVERIFY(win_->openProject(path, "alice"));
    AnalysisDock* analysis = win_->projectDocks()->analysis();
    QCOMPARE(analysis->modelChoice()->currentText(), QString("alice"));
    QCOMPARE(analysis->referenceChoice()->currentText(), QString("reference"));
    analysis->recompute();
    QVERIFY2(analysis->statusText().endsWith("evaluated item(s)"), qPrintable(analysis->statusText()));
    QDockWidget* dock = win_->projectDocks()->analysisDock();
    dock->setFloating(true);
    dock->resize(900, 900);
    dock->show();
    QVERIFY(QTest::qWaitForWindowExposed(dock));
    const QString outDir = QStringLiteral(LOUPE_BINARY_DIR "/test-output");
    QDir().mkpath(outDir);
    QVERIFY(dock->grab().save(outDir + "/analysis_dock.png"));
  }

  void unlabeledBadgeSaysByWhom() {
    open();
    ItemListModel* model = win_->itemModel();
    QCOMPARE(model->rowAt(2)->id, proj_.c);
    // c carries the reference's and the model's labels, none of alice's.
    QCOMPARE(ItemDelegate::detailText(model->index(2)), QString("not labeled by you"));
    QCOMPARE(ItemDelegate::detailText(model->index(1)), QString("cat"));
  }
};

QTEST_MAIN(AnalysisWalkTest)
#include "test_analysis_walk.moc"
