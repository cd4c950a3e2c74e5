// Screenshot tests: the real main window at 1600x1000 on a project with boxes, image labels and
// a model labeler (so the analysis heatmap has content), with fresh settings (the first start a
// new user sees). Each bottom dock is raised in turn and the window grabbed to a PNG; the
// assertions are what a user would notice: how much of the window the canvas gets, toolbar
// buttons cut off, heatmap column names drawn over each other, text as dark as its background.
// Also the layout features themselves: the Boxes dock, class filter, hidden captions, Ctrl+J.

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QUndoStack>

#include <memory>

#include "fixture.h"
#include "storage/project.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/box_list/box_list_model.h"
#include "widgets/box_list/box_list_panel.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/main_window/box_list_dock.h"
#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/main_window/shortcut_sheet.h"
#include "widgets/main_window/theme.h"
#include "widgets/main_window/window_layout.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {
// Fashion-MNIST's names, as in the bundled demo: long enough to crowd a heatmap's columns.
const char* kClasses[] = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                          "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
const char* kColors[] = {"#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231",
                         "#911eb4", "#46f0f0", "#f032e6", "#bcf60c", "#fabebe"};
constexpr int kItems = 20;
constexpr int kBoxesOnFirst = 6;

struct DemoFixture {
  QString path;
  std::vector<Id> classes;
  std::vector<Id> items;
  std::vector<Id> firstItemBoxes;  // alice's, on the first item
};

// Items 640x480; alice (the labeler on screen) drew boxes on the first; "reviewer" gave every
// item an image label and "detector" (a model labeler) agrees with her on two items in three,
// taking the next class on the others: a classification table for the analysis heatmap.
DemoFixture makeDemo(const QString& path) {
  DemoFixture f;
  f.path = path;
  auto p = storage::Project::create(path.toStdString());
  for (int i = 0; i < 10; ++i) f.classes.push_back(p.classes().add(kClasses[i], kColors[i]).id);
  const Id alice = p.labelers().add("alice", LabelerKind::Human).id;
  const Id reviewer = p.labelers().add("reviewer", LabelerKind::Human).id;
  const Id model = p.labelers().add("detector", LabelerKind::Model).id;
  for (int i = 0; i < kItems; ++i) {
    storage::NewItem item;
    item.name = QStringLiteral("img_%1.png").arg(i, 3, 10, QLatin1Char('0')).toStdString();
    item.width = 640;
    item.height = 480;
    item.split = i % 5 == 4 ? Split::Val : Split::Train;
    item.media = storage::NewMedia{test::pngBytes(test::samplePicture(i, QSize(640, 480))), {}, "png", {}};
    f.items.push_back(p.items().add(item));
  }
  auto label = [&](Id item, Id labeler, Id cls) {
    Annotation a;
    a.itemId = item;
    a.labelerId = labeler;
    a.classId = cls;
    p.annotations().add(a);
  };
  for (int i = 0; i < kItems; ++i) {
    const Id truth = f.classes[static_cast<std::size_t>(i % 10)];
    label(f.items[static_cast<std::size_t>(i)], reviewer, truth);
    label(f.items[static_cast<std::size_t>(i)], model, i % 3 == 0 ? f.classes[static_cast<std::size_t>((i + 1) % 10)] : truth);
  }
  for (int b = 0; b < kBoxesOnFirst; ++b) {
    Annotation a;
    a.itemId = f.items.front();
    a.labelerId = alice;
    a.classId = f.classes[static_cast<std::size_t>(b % 3)];
    a.kind = AnnotationKind::Box;
    a.box = Box{40.0 + 95 * b, 60.0 + 30 * b, 80.0 + 5 * b, 120.0};
    f.firstItemBoxes.push_back(p.annotations().add(a).id);
  }
  return f;
}

double lightness(QRgb c) { return QColor(c).lightnessF(); }
}  // namespace

class ScreenshotTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString out_;
  DemoFixture demo_;
  std::unique_ptr<MainWindow> win_;

  // The window as a new user first sees it: fresh settings, 1600x1000, the demo open.
  void openFresh() {
    QSettings().clear();
    applyTheme(*qApp, Theme::Light);
    static int n = 0;
    demo_ = makeDemo(dir_.filePath(QStringLiteral("demo%1.loupe").arg(++n)));
    win_ = test::showMainWindow(QSize(1600, 1000));
    QVERIFY(win_);
    QVERIFY(win_->openProject(demo_.path, "alice"));
    QCOMPARE(win_->workspace()->currentItem(), demo_.items.front());
    settle();
  }
  void settle() {
    for (int i = 0; i < 5; ++i) {
      QApplication::processEvents();
      QTest::qWait(20);
    }
  }
  QString save(const QString& name) {
    settle();
    const QString file = QDir(out_).filePath(name + ".png");
    if (!win_->grab().save(file)) qWarning("could not write %s", qPrintable(file));
    return file;
  }
  QDockWidget* dock(const char* name) const { return win_->findChild<QDockWidget*>(name); }
  BoxListPanel* boxList() const { return win_->findChild<BoxListPanel*>("boxListPanel"); }

 private slots:
  void initTestCase() {
    QVERIFY(test::enterGuiTestMode(dir_));
    out_ = QStringLiteral(LOUPE_BINARY_DIR "/test-output/screenshots");
    QVERIFY(QDir().mkpath(out_));
    qInfo("screenshots in %s", qPrintable(out_));
  }
  void cleanup() { win_.reset(); }
  void cleanupTestCase() { applyTheme(*qApp, Theme::Light); }

  void firstStartGivesTheCanvasMostOfTheWindow() {
    openFresh();
    QCOMPARE(win_->size(), QSize(1600, 1000));
    save("first_start");
    const QSize c = win_->canvas()->size();
    const double share = double(c.width()) * c.height() / (1600.0 * 1000.0);
    qInfo("canvas %dx%d = %.0f%% of the window", c.width(), c.height(), share * 100);
    QVERIFY2(share >= 0.60, qPrintable(QStringLiteral("canvas gets %1% of the window").arg(share * 100, 0, 'f', 1)));
    // The bottom docks are tabs in one strip of modest height, not stacked.
    const QList<QDockWidget*> bottom = win_->windowLayout()->bottomDocks();
    QCOMPARE(bottom.size(), 6);  // review, analysis, training, device, shadow mode, likely errors
    for (QDockWidget* d : bottom) {
      QVERIFY2(d->isVisible(), qPrintable(d->windowTitle()));
      QVERIFY2(win_->tabifiedDockWidgets(d).size() == 5, qPrintable(d->windowTitle()));
      QVERIFY2(d->height() <= 260, qPrintable(QStringLiteral("%1 is %2 px high").arg(d->windowTitle()).arg(d->height())));
    }
    // Left column: the dataset, the classes and the item tabs all readable.
    for (const char* title : {dock_names::kDataset, dock_names::kClasses, dock_names::kItem}) {
      QVERIFY2(dock(title)->isVisible(), title);
      QVERIFY2(dock(title)->height() >= 150, qPrintable(QStringLiteral("%1: %2 px").arg(title).arg(dock(title)->height())));
      QVERIFY2(dock(title)->width() >= 240, title);
    }
  }

  void everyToolbarButtonIsVisibleInsideTheWindow() {
    openFresh();
    auto* bar = win_->findChild<QToolBar*>("toolbar_labeling");
    QVERIFY(bar);
    for (QAction* a : bar->actions()) {
      if (a->isSeparator()) continue;
      QWidget* button = bar->widgetForAction(a);
      const QString name = a->text().remove('&');
      QVERIFY2(button, qPrintable(name));
      QVERIFY2(button->isVisible(), qPrintable(name + " is not shown (pushed into the overflow menu?)"));
      const QRect r(button->mapTo(win_.get(), QPoint(0, 0)), button->size());
      QVERIFY2(win_->rect().contains(r), qPrintable(name + " is cut off"));
    }
  }

  void eachBottomDockIsRendered() {
    openFresh();
    ProjectDocks* docks = win_->projectDocks();
    AnalysisDock* analysis = docks->analysis();
    QVERIFY(analysis);
    analysis->findChild<QComboBox*>("analysisModel")->setCurrentText("detector");
    analysis->findChild<QComboBox*>("analysisReference")->setCurrentText("reviewer");
    analysis->recompute();
    QCOMPARE(analysis->statusText(), QString("%1 evaluated item(s)").arg(kItems));
    for (QDockWidget* d : {docks->reviewDock(), docks->analysisDock(), docks->trainingDock(), docks->deviceDock(),
                           docks->shadowDock(), docks->likelyErrorsDock()}) {
      d->raise();
      settle();
      QVERIFY2(!d->widget()->visibleRegion().isEmpty(), qPrintable(d->windowTitle()));
      qInfo("%s", qPrintable(save("dock_" + d->windowTitle().toLower())));
    }
    dock(dock_names::kBoxes)->raise();
    save("dock_boxes");

    // As a user working on the analysis would: drag the strip up to see the heatmap.
    docks->analysisDock()->raise();
    win_->resizeDocks({docks->analysisDock()}, {560}, Qt::Vertical);
    save("dock_analysis_tall");
    QVERIFY(!analysis->findChild<widgets::ConfusionHeatmap*>("analysisHeatmap")->visibleRegion().isEmpty());
    QList<QRect> headers;
    for (int c = 0; c < 10; ++c) headers.push_back(analysis->findChild<widgets::ConfusionHeatmap*>("analysisHeatmap")->columnLabelRect(c));
    QString overlaps;
    for (int i = 0; i < headers.size(); ++i)
      for (int j = i + 1; j < headers.size(); ++j)
        if (headers[i].intersects(headers[j])) overlaps += QStringLiteral(" %1/%2").arg(kClasses[i], kClasses[j]);
    QVERIFY2(overlaps.isEmpty(), qPrintable("heatmap column names overlap:" + overlaps));
  }

  void darkThemeDrawsLightTextOnADarkWindow() {
    openFresh();
    auto statusPixel = [this] {
      const QImage img = win_->grab().toImage();
      // Middle of the status bar: between the message and the permanent labels, no text.
      const QPoint p = win_->statusBar()->mapTo(win_.get(), QPoint(win_->statusBar()->width() / 2, win_->statusBar()->height() / 2));
      return img.pixel(p * img.devicePixelRatio());
    };
    QVERIFY(lightness(statusPixel()) > 0.5);  // light theme: light window
    applyTheme(*qApp, Theme::Dark);
    QCOMPARE(savedTheme(), Theme::Dark);
    QVERIFY(win_->findChild<QAction*>("theme_dark"));
    settle();
    save("theme_dark");
    const QPalette pal = win_->palette();
    QVERIFY(pal.color(QPalette::Window).lightness() < pal.color(QPalette::WindowText).lightness());
    QVERIFY(pal.color(QPalette::Base).lightness() < pal.color(QPalette::Text).lightness());
    QVERIFY2(lightness(statusPixel()) < 0.35, "the window is not drawn dark");
    // The canvas background follows the theme too.
    QVERIFY(win_->canvas()->backgroundBrush().color().lightness() < pal.color(QPalette::WindowText).lightness());
    // The View menu choice switches back and is remembered.
    win_->findChild<QAction*>("theme_light")->trigger();
    QCOMPARE(savedTheme(), Theme::Light);
    QVERIFY(win_->palette().color(QPalette::Window).lightness() > win_->palette().color(QPalette::WindowText).lightness());
  }

  void boxListFollowsTheCanvasAndDeletesThroughUndo() {
    openFresh();
    BoxListModel* model = boxList()->model();
    QCOMPARE(model->rowCount(), kBoxesOnFirst);
    QCOMPARE(model->data(model->index(0, BoxListModel::ClassColumn), Qt::DisplayRole).toString(), QString("T-shirt/top"));
    QCOMPARE(model->data(model->index(0, BoxListModel::SizeColumn), Qt::DisplayRole).toString(), QString("80×120"));
    QCOMPARE(model->data(model->index(0, BoxListModel::LabelerColumn), Qt::DisplayRole).toString(), QString("alice"));

    // Canvas -> list.
    win_->canvas()->setSelectedIds({demo_.firstItemBoxes[2]});
    QCOMPARE(boxList()->selectedIds(), QList<Id>{demo_.firstItemBoxes[2]});
    // List -> canvas.
    dock(dock_names::kBoxes)->raise();
    settle();
    QTableView* view = boxList()->findChild<QTableView*>("boxListView");
    view->selectionModel()->select(model->index(4, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(win_->canvas()->selectedIds(), QList<Id>{demo_.firstItemBoxes[4]});
    // Delete key on the list: one undo step, the box gone from file, canvas and list.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    settle();
    QCOMPARE(model->rowCount(), kBoxesOnFirst - 1);
    QCOMPARE(model->rowOf(demo_.firstItemBoxes[4]), -1);
    QVERIFY(!win_->canvas()->boxes()->box(demo_.firstItemBoxes[4]));
    QCOMPARE(win_->workspace()->undoStack()->count(), 1);
    win_->action("undo")->trigger();
    settle();
    QCOMPARE(model->rowCount(), kBoxesOnFirst);
    QVERIFY(win_->canvas()->boxes()->box(demo_.firstItemBoxes[4]));
    // The button deletes every selected row.
    win_->canvas()->setSelectedIds({demo_.firstItemBoxes[0], demo_.firstItemBoxes[1]});
    QVERIFY(boxList()->findChild<QPushButton*>("boxListDelete")->isEnabled());
    boxList()->findChild<QPushButton*>("boxListDelete")->click();
    settle();
    QCOMPARE(model->rowCount(), kBoxesOnFirst - 2);
    // Next item: its (no) boxes.
    win_->action("nextItem")->trigger();
    settle();
    QCOMPARE(model->rowCount(), 0);
  }

  void classFilterAndHiddenCaptionsAreViewStateOnly() {
    openFresh();
    CanvasView* canvas = win_->canvas();
    BoxLayer* layer = canvas->boxes();
    auto* menu = win_->findChild<QMenu*>("classFilterMenu");
    QVERIFY(menu);
    QAction* trouser = win_->findChild<QAction*>(QStringLiteral("classFilter_%1").arg(demo_.classes[1]));
    QVERIFY(trouser);
    canvas->setSelectedIds({demo_.firstItemBoxes[0]});  // a T-shirt box: filtered out below
    trouser->setChecked(true);
    QCOMPARE(canvas->classFilter(), QSet<Id>{demo_.classes[1]});
    int shown = 0;
    for (Id id : demo_.firstItemBoxes) shown += layer->isShown(id) ? 1 : 0;
    QCOMPARE(shown, 2);  // boxes 1 and 4 are Trousers
    QVERIFY(canvas->selectedIds().isEmpty());
    const QPointF inT = layer->box(demo_.firstItemBoxes[0])->rect.center();
    QVERIFY(layer->boxesAt(inT).empty());  // a filtered box cannot be clicked
    save("class_filter_trouser");
    win_->findChild<QAction*>("classFilter_all")->trigger();
    QVERIFY(canvas->classFilter().isEmpty());
    QVERIFY(!trouser->isChecked());
    QCOMPARE(win_->workspace()->undoStack()->count(), 0);  // nothing was edited

    QAction* hide = win_->action("hideBoxLabels");
    QVERIFY(hide);
    QCOMPARE(hide->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_L));
    QVERIFY(canvas->boxLabelsVisible());
    QTest::keyClick(canvas, Qt::Key_L, Qt::ShiftModifier);
    QVERIFY(!canvas->boxLabelsVisible());
    // The captions are gone from the image: a caption strip above box 0 is the class colour
    // with labels on and the picture without.
    save("captions_hidden");
    QTest::keyClick(canvas, Qt::Key_L, Qt::ShiftModifier);
    QVERIFY(canvas->boxLabelsVisible());
  }

  void newShortcutsAreOnTheSheetAndClashWithNothing() {
    openFresh();
    const ShortcutSheet sheet(win_->actions());
    auto listed = [&](const QString& keys, const QString& what) {
      for (const auto& [k, w] : sheet.rows())
        if (k == keys && w == what) return true;
      return false;
    };
    QVERIFY(listed(QKeySequence(Qt::SHIFT | Qt::Key_L).toString(QKeySequence::NativeText), "Hide box labels"));
    QVERIFY(listed(QKeySequence(Qt::CTRL | Qt::Key_J).toString(QKeySequence::NativeText), "Collapse / expand bottom panels"));
    QVERIFY(listed("Delete (in the Boxes panel)", "Delete the boxes selected in the list"));
    // Every window shortcut means one action.
    QHash<QString, QString> owner;
    for (QAction* a : win_->actions())
      for (const QKeySequence& k : a->shortcuts()) {
        const QString key = k.toString();
        QVERIFY2(!owner.contains(key), qPrintable(key + ": " + owner.value(key) + " and " + a->objectName()));
        owner.insert(key, a->objectName());
      }
  }

  void ctrlJCollapsesAndRestoresTheBottomDocks() {
    openFresh();
    QDockWidget* training = win_->projectDocks()->trainingDock();
    training->raise();
    settle();
    const int before = win_->canvas()->height();
    QTest::keyClick(win_->canvas(), Qt::Key_J, Qt::ControlModifier);
    settle();
    for (QDockWidget* d : win_->windowLayout()->bottomDocks()) QVERIFY2(!d->isVisible(), qPrintable(d->windowTitle()));
    QVERIFY2(win_->canvas()->height() > before + 100, "the canvas did not take the space");
    save("bottom_collapsed");
    QTest::keyClick(win_->canvas(), Qt::Key_J, Qt::ControlModifier);
    settle();
    for (QDockWidget* d : win_->windowLayout()->bottomDocks()) QVERIFY2(d->isVisible(), qPrintable(d->windowTitle()));
    QVERIFY(!training->widget()->visibleRegion().isEmpty());  // the same tab is on top again
    QCOMPARE(win_->canvas()->height(), before);
  }
};

QTEST_MAIN(ScreenshotTest)
#include "test_screenshots.moc"
