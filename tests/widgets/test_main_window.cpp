// The main window around the canvas: browser (paging, filters, thumbnails), class manager and
// item panel edits through undoable commands, persisted layout and recent projects, docking a
// panel, the F1 sheet, and a screenshot on a demo-like project.
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QApplication>
#include <QPainter>
#include <QPointer>
#include <QSignalSpy>
#include <QTableWidget>
#include <QCheckBox>
#include <QListWidget>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <memory>

#include "fixture.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/read_only_path.h"
#include "tests/support/annotation_values.h"
#include "storage/active_learning/next_items.h"
#include "storage/project.h"
#include "storage/training/model_training.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/browser/thumbnail_cache.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/classes/class_panel.h"
#include "widgets/classes/hotkeys.h"
#include "widgets/item_panel/item_panel.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/slice_table_widget.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/main_window/labeler_dialog.h"
#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/review/review_panel.h"
#include "widgets/training/training_panel.h"
#include "widgets/main_window/shortcut_sheet.h"
#include "widgets/main_window/style.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {

storage::Project reopen(const QString& path) { return storage::Project::open(path.toStdString()); }

// Adds to the demo project three "rack" photos composed of its garments, with boxes by alice and
// bob, so a screenshot shows the box tools too. Returns the first rack's id.
Id addRacks(const QString& path) {
  auto p = storage::Project::open(path.toStdString());
  const Id reference = p.labelers().byName("reference")->id;
  const Id alice = p.labelers().byName("alice")->id;
  const Id bob = p.labelers().byName("bob")->id;
  const auto garments = p.items().page({}, 0, 18);
  Id first = 0;
  for (int r = 0; r < 3; ++r) {
    QImage rack(420, 300, QImage::Format_RGB32);
    rack.fill(QColor(0x1c, 0x1e, 0x22).lighter(100 + 10 * r));
    QPainter painter(&rack);
    std::vector<std::pair<QRect, Id>> placed;
    for (int k = 0; k < 6; ++k) {
      const Id g = garments[static_cast<std::size_t>(r * 6 + k)].item.id;
      const auto media = p.items().media(g);
      const QImage garment = QImage::fromData(media->bytes.data(), static_cast<int>(media->bytes.size()));
      const int scale = 3 + (k % 2);
      const QRect at(20 + (k % 3) * 135, 25 + (k / 3) * 140, 28 * scale, 28 * scale);
      painter.drawImage(at, garment.scaled(at.size()));
      placed.emplace_back(at.adjusted(4, 2, -4, -2), p.annotations().of(g, reference).front().classId);
    }
    painter.end();
    storage::NewItem item;
    item.name = "racks/rack-" + std::to_string(r + 1) + ".png";
    item.width = rack.width();
    item.height = rack.height();
    item.split = r == 2 ? Split::Val : Split::Train;
    item.groupKey = "shop-" + std::to_string(r % 2 + 1);
    item.media = storage::NewMedia{test::pngBytes(rack), {}, "png", {}};
    item.attributes = {{"lighting", r == 1 ? "bright" : "dim"}};
    const Id id = p.items().add(item);
    if (!first) first = id;
    for (std::size_t k = 0; k < placed.size(); ++k) {
      const QRect& b = placed[k].first;
      Annotation a;
      a.itemId = id;
      a.kind = AnnotationKind::Box;
      a.classId = placed[k].second;
      a.labelerId = alice;
      a.box = Box{double(b.x()), double(b.y()), double(b.width()), double(b.height())};
      if (k != 4) p.annotations().add(a);  // alice has not finished this rack
      a.labelerId = bob;
      a.box = Box{b.x() + 5.0, b.y() - 3.0, b.width() - 6.0, b.height() + 4.0};
      p.annotations().add(a);
    }
  }
  return first;
}

QImage shoot(MainWindow& win, const QString& file) {
  // Let thumbnails decode and the list repaint.
  for (int i = 0; i < 10; ++i) {
    QTest::qWait(50);
    win.findChild<ThumbnailCache*>()->waitForIdle();
  }
  const QImage shot = win.grab().toImage();
  const QString outDir = QStringLiteral(LOUPE_BINARY_DIR "/test-output");
  QDir().mkpath(outDir);
  shot.save(outDir + "/" + file);
  return shot;
}

// Distinct colours sampled over a widget's area of a screenshot: an empty view has a handful.
int colorsIn(const QImage& shot, const QWidget* w, const QWidget* window) {
  const QRect r(w->mapTo(window, QPoint(0, 0)), w->size());
  QSet<QRgb> colors;
  for (int y = r.top(); y < r.bottom(); y += 7)
    for (int x = r.left(); x < r.right(); x += 7) colors.insert(shot.pixel(x, y));
  return static_cast<int>(colors.size());
}

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  test::SmallProject proj_;
  std::unique_ptr<MainWindow> win_;
  int n_ = 0;

  void openSmall() {
    proj_ = test::makeSmallProject(dir_.filePath(QStringLiteral("m%1.loupe").arg(++n_)));
    win_ = test::showMainWindow(QSize(1300, 850));
    QVERIFY(win_);
    QVERIFY(win_->openProject(proj_.path, "alice"));
  }
  QUndoStack* undo() { return win_->workspace()->undoStack(); }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }
  void init() { QSettings().clear(); }
  void cleanup() { win_.reset(); }

  void browserPagesFiltersAndSearches() {
    openSmall();
    ItemListModel* model = win_->itemModel();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->data(model->index(1), Qt::DisplayRole).toString(), QString("b.png"));
    QCOMPARE(model->data(model->index(0), ItemListModel::BoxesRole).toInt(), 0);
    // Search is debounced; wait for the filter to apply.
    win_->browser()->findChild<QLineEdit*>("browserSearch")->setText("c.p");
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowAt(0)->id, proj_.c);
    win_->browser()->findChild<QLineEdit*>("browserSearch")->clear();
    QTRY_COMPARE(model->rowCount(), 3);
    // "Unlabeled (by me)": alice has labeled nothing; after a box on a, two remain.
    auto* state = win_->browser()->findChild<QComboBox*>("stateFilter");
    QCOMPARE(state->itemText(1), QString("Unlabeled (by me)"));
    auto p = reopen(proj_.path);
    p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, Box{1, 1, 5, 5}));
    state->setCurrentIndex(1);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->rowAt(0)->id, proj_.b);
    // Items a panel asks for replace the list until "Show all items".
    win_->workspace()->requestItemsFilter({proj_.c});
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(win_->workspace()->currentItem(), proj_.c);
    state->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->data(model->index(0), ItemListModel::BoxesRole).toInt(), 1);

    // Split, class, labeler, attribute and disagreement filters each narrow the list.
    auto* split = win_->browser()->findChild<QComboBox*>("splitFilter");
    split->setCurrentIndex(split->findText("test"));
    QCOMPARE(model->rowCount(), 0);
    split->setCurrentIndex(0);
    auto* cls = win_->browser()->findChild<QComboBox*>("classFilter");
    cls->setCurrentIndex(cls->findText("dog"));  // bob's box on a
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowAt(0)->id, proj_.a);
    cls->setCurrentIndex(0);
    auto* who = win_->browser()->findChild<QComboBox*>("labelerFilter");
    QVERIFY(who->findText("bob (human)") > 0);
    p.attributes().set(proj_.b, "light", "dim");
    Annotation l1, l2;
    l1.itemId = l2.itemId = proj_.c;
    l1.kind = l2.kind = AnnotationKind::ImageLabel;
    l1.labelerId = proj_.alice;
    l1.classId = proj_.cat;
    l2.labelerId = proj_.bob;
    l2.classId = proj_.bird;
    p.annotations().add(l1);
    p.annotations().add(l2);
    win_->refreshFilters();  // the other connection's writes
    who->setCurrentIndex(who->findText("bob (human)"));
    QCOMPARE(model->rowCount(), 2);  // a (box) and c (label)
    who->setCurrentIndex(0);
    auto* attr = win_->browser()->findChild<QComboBox*>("attributeFilter");
    attr->setCurrentIndex(attr->findText("light = dim"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowAt(0)->id, proj_.b);
    attr->setCurrentIndex(0);
    state->setCurrentIndex(state->findText("Labelers disagree"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowAt(0)->id, proj_.c);
  }

  void thumbnailsDecodeOffTheUiThread() {
    openSmall();
    ItemListModel* model = win_->itemModel();
    auto* cache = win_->findChild<ThumbnailCache*>();
    QVERIFY(cache);
    cache->clear();
    QSignalSpy ready(cache, &ThumbnailCache::ready);
    QVERIFY(model->data(model->index(2), Qt::DecorationRole).isNull());  // not decoded yet
    QTRY_VERIFY(!ready.isEmpty());
    const QImage thumb = model->data(model->index(2), Qt::DecorationRole).value<QImage>();
    QCOMPARE(thumb.size(), QSize(48, 36));  // 200x150 scaled into 48x48
    // The thumbnail shows the item's picture: compare a pixel with the scaled original.
    const QImage expected = test::samplePicture(2).scaled(48, 48, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const QColor got = thumb.pixelColor(5, 30), want = expected.pixelColor(5, 30);
    QVERIFY2(std::abs(got.red() - want.red()) < 8 && std::abs(got.blue() - want.blue()) < 8, "thumbnail pixels differ");
  }

  void classManagerEditsAreUndoable() {
    openSmall();
    ClassPanel* panel = win_->classPanel();
    emit panel->addRequested("fish", "#ff8800");
    auto fish = reopen(proj_.path).classes().byName("fish");
    QVERIFY(fish);
    QCOMPARE(fish->color, std::string("#ff8800"));
    QCOMPARE(panel->list()->count(), 4);
    emit panel->renameRequested(fish->id, "trout");
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->name, std::string("trout"));
    emit panel->recolorRequested(fish->id, "#0000ff");
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->color, std::string("#0000ff"));
    emit panel->hotkeyRequested(proj_.cat, "4");
    emit panel->hotkeyRequested(fish->id, "4");  // takes 4 from cat
    QCOMPARE(reopen(proj_.path).classes().byId(proj_.cat)->hotkey, std::string());
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->hotkey, std::string("4"));
    QCOMPARE(win_->canvasController()->classForDigit(4), fish->id);
    emit panel->moveRequested(fish->id, 0);
    QCOMPARE(reopen(proj_.path).classes().all().front().id, fish->id);

    undo()->undo();  // reorder
    QCOMPARE(reopen(proj_.path).classes().all().front().id, proj_.cat);
    undo()->undo();  // hotkey to fish: cat gets 4 back
    QCOMPARE(reopen(proj_.path).classes().byId(proj_.cat)->hotkey, std::string("4"));
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->hotkey, std::string());
    undo()->undo();
    undo()->undo();  // recolour
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->color, std::string("#ff8800"));
    undo()->undo();  // rename
    QCOMPARE(reopen(proj_.path).classes().byId(fish->id)->name, std::string("fish"));
    undo()->undo();  // add
    QVERIFY(!reopen(proj_.path).classes().byName("fish"));
    undo()->redo();
    QCOMPARE(reopen(proj_.path).classes().byName("fish")->id, fish->id);  // same id back
  }

  void digitKeysPreferExplicitHotkeysThenPositions() {
    // a (no key), b (key 1), c (no key), d (key 2): 1->b, 2->d, 3->c; a's position 1 is taken.
    const std::vector<ClassDef> classes = {{.id = 10, .name = "a"}, {.id = 11, .name = "b", .hotkey = "1"},
                                           {.id = 12, .name = "c"}, {.id = 13, .name = "d", .hotkey = "2"}};
    const std::map<int, Id> expected = {{1, 11}, {2, 13}, {3, 12}};
    QVERIFY(digitKeys(classes) == expected);
    // The panel shows exactly these keys.
    ClassPanel panel;
    panel.setClasses(classes);
    QCOMPARE(panel.list()->item(0)->text().trimmed(), QString("a"));
    QCOMPARE(panel.list()->item(1)->text(), QString("[1]  b"));
    QCOMPARE(panel.list()->item(2)->text(), QString("[3]  c"));
    QCOMPARE(panel.list()->item(3)->text(), QString("[2]  d"));
  }

  void failedEditIsReportedAndDropped() {
    openSmall();
    const int before = undo()->count();
    emit win_->classPanel()->renameRequested(proj_.cat, "dog");  // duplicate name
    QCOMPARE(undo()->count(), before);
    QVERIFY(win_->statusBar()->currentMessage().contains("failed"));
    QCOMPARE(reopen(proj_.path).classes().byId(proj_.cat)->name, std::string("cat"));
  }

  void readOnlyProjectOpensForViewingAndRefusesEdits() {
    // A project in a folder the user cannot write: it opens read-only (not "not a Loupe
    // project"), says so in the title and status bar, and every edit is refused before it is
    // pushed, so the undo stack never claims an edit the file lacks.
    QTemporaryDir folder;
    const QString path = folder.filePath("ro.loupe");
    test::makeSmallProject(path);
    storage::Project::open(path.toStdString()).checkpoint();  // no -wal left to need writing
    const auto before = test::fileBytes(path.toStdString());
    test::ReadOnlyPath guard(folder.path().toStdString());
    if (!guard.ok()) QSKIP("cannot make a folder unwritable here");
    win_ = test::showMainWindow();
    QVERIFY(win_);
    QVERIFY(win_->openProject(path, "carol"));  // carol is new: viewing needs no labeler row
    QVERIFY(win_->workspace()->project().isReadOnly());
    QVERIFY2(win_->windowTitle().contains("[read-only]"), qPrintable(win_->windowTitle()));
    QVERIFY(win_->statusBar()->currentMessage().contains("read-only"));
    emit win_->classPanel()->addRequested("fish", "#ff8800");
    QCOMPARE(undo()->count(), 0);
    QVERIFY2(win_->statusBar()->currentMessage().contains("read-only"), qPrintable(win_->statusBar()->currentMessage()));
    QCOMPARE(win_->classPanel()->list()->count(), 3);
    win_.reset();
    QCOMPARE(test::fileBytes(path.toStdString()), before);
  }

  void itemPanelEditsAreUndoable() {
    openSmall();
    ItemPanel* panel = win_->itemPanel();
    panel->findChild<QComboBox*>("itemSplit")->setCurrentIndex(panel->findChild<QComboBox*>("itemSplit")->findData(static_cast<int>(Split::Test)));
    QVERIFY(reopen(proj_.path).items().byId(proj_.a)->item.split == Split::Test);
    emit panel->groupKeyRequested(proj_.a, "session-7");
    QCOMPARE(reopen(proj_.path).items().byId(proj_.a)->item.groupKey, std::string("session-7"));
    QCOMPARE(panel->findChild<QLineEdit*>("itemGroupKey")->text(), QString("session-7"));
    emit panel->attributeRequested(proj_.a, "light", "dim");
    QCOMPARE(reopen(proj_.path).attributes().of(proj_.a).at("light"), std::string("dim"));
    QCOMPARE(panel->findChild<QTableWidget*>("itemAttributes")->rowCount(), 1);
    emit panel->attributeRequested(proj_.a, "light", "bright");
    emit panel->attributeRemovalRequested(proj_.a, "light");
    QVERIFY(reopen(proj_.path).attributes().of(proj_.a).empty());
    panel->findChild<QCheckBox*>("itemReviewed")->setChecked(true);
    QVERIFY(reopen(proj_.path).items().byId(proj_.a)->reviewed);

    undo()->undo();
    QVERIFY(!reopen(proj_.path).items().byId(proj_.a)->reviewed);
    undo()->undo();
    QCOMPARE(reopen(proj_.path).attributes().of(proj_.a).at("light"), std::string("bright"));
    undo()->undo();
    QCOMPARE(reopen(proj_.path).attributes().of(proj_.a).at("light"), std::string("dim"));
    undo()->undo();
    QVERIFY(reopen(proj_.path).attributes().of(proj_.a).empty());
    undo()->undo();
    QCOMPARE(reopen(proj_.path).items().byId(proj_.a)->item.groupKey, std::string());
    undo()->undo();
    QVERIFY(reopen(proj_.path).items().byId(proj_.a)->item.split == Split::Train);
    QCOMPARE(panel->findChild<QComboBox*>("itemSplit")->currentData().toInt(), static_cast<int>(Split::Train));
  }

  void layoutRecentProjectsAndLabelerPersist() {
    openSmall();
    QVERIFY(win_->recentProjects().contains(QFileInfo(proj_.path).absoluteFilePath()));
    auto* classesDock = win_->findChild<QDockWidget*>(dock_names::kClasses);
    QVERIFY(classesDock);
    classesDock->hide();
    win_->close();
    win_.reset();

    win_ = test::showMainWindow();
    QVERIFY(win_);
    QVERIFY(win_->findChild<QDockWidget*>(dock_names::kClasses)->isHidden());
    QVERIFY(win_->findChild<QDockWidget*>(dock_names::kDataset)->isVisible());
    QCOMPARE(win_->recentProjects().front(), QFileInfo(proj_.path).absoluteFilePath());
    // The labeler is shown at all times, and the last one is suggested for this project.
    QVERIFY(win_->openProject(proj_.path, "carol"));
    QCOMPARE(win_->findChild<QLabel*>("labelerChip")->text(), QString("carol"));
    QVERIFY(reopen(proj_.path).labelers().byName("carol")->kind == LabelerKind::Human);
  }

  // Issue 12: with "tester" remembered, Return in the labeler prompt turned the name into the
  // first listed labeler (alice) and left the prompt open; a second Return opened as alice.
  void labelerPromptReturnAcceptsTheRememberedName() {
    openSmall();
    QVERIFY(win_->openProject(proj_.path, "tester"));  // remembered for this project
    win_ = test::showMainWindow();
    QVERIFY(win_);
    QString shown, afterReturn;
    bool closedByReturn = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
      auto* dialog = qobject_cast<LabelerDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      poll.stop();
      shown = dialog->findChild<QLineEdit*>()->text();
      // Once, in the name field, where the keyboard focus is when the prompt opens.
      QTest::keyClick(dialog->findChild<QLineEdit*>(), Qt::Key_Return);
      closedByReturn = !dialog->isVisible();
      afterReturn = dialog->name();
      if (!closedByReturn) dialog->reject();
    });
    poll.start(20);
    const bool opened = win_->openProject(proj_.path, QString());
    QCOMPARE(shown, QString("tester"));
    QVERIFY2(closedByReturn, qPrintable(QStringLiteral("the prompt stayed open, showing ") + afterReturn));
    QVERIFY(opened);
    QCOMPARE(QString::fromStdString(win_->workspace()->labeler().name), QString("tester"));
    QCOMPARE(win_->workspace()->labeler().id, reopen(proj_.path).labelers().byName("tester")->id);
  }

  void dockingAPanelIsOneCall() {
    openSmall();
    auto* panel = new QLabel("review");
    QDockWidget* dock = win_->addPanel(panel, "Review", "dock_TestPanel", Qt::BottomDockWidgetArea);
    QCOMPARE(dock->objectName(), QString("dock_TestPanel"));  // the saved layout's key, not the title
    QCOMPARE(dock->widget(), panel);
    QCOMPARE(win_->dockWidgetArea(dock), Qt::BottomDockWidgetArea);
    QSignalSpy item(win_->workspace(), &Workspace::currentItemChanged);
    win_->workspace()->setCurrentItem(proj_.b);
    QCOMPARE(item.size(), 1);
    QCOMPARE(win_->itemModel()->rowAt(win_->browser()->list()->currentIndex().row())->id, proj_.b);
  }

  void projectPanelsAreDockedAndRebuiltPerProject() {
    openSmall();
    ProjectDocks* docks = win_->projectDocks();
    for (const char* name : {dock_names::kReview, dock_names::kAnalysis, dock_names::kTraining}) QVERIFY2(win_->findChild<QDockWidget*>(name), name);
    QCOMPARE(ProjectDocks::panelOf(docks->reviewDock()), docks->review());
    QCOMPARE(ProjectDocks::panelOf(docks->analysisDock()), docks->analysis());
    QCOMPARE(ProjectDocks::panelOf(docks->trainingDock()), docks->training());
    const QPointer<AnalysisDock> first = docks->analysis();

    // Image labels written behind the window's back, then the project is opened again: the
    // panels are rebuilt on the new connection and see them. Reference alice: a cat, b dog,
    // c dog; bob: a cat, b cat, c dog — so bob's one error is b (dog taken for cat).
    {
      storage::Project p = reopen(proj_.path);
      auto label = [&](Id item, Id labeler, Id cls) {
        Annotation a;
        a.itemId = item;
        a.labelerId = labeler;
        a.classId = cls;
        p.annotations().add(a);
      };
      label(proj_.a, proj_.alice, proj_.cat);
      label(proj_.b, proj_.alice, proj_.dog);
      label(proj_.c, proj_.alice, proj_.dog);
      label(proj_.a, proj_.bob, proj_.cat);
      label(proj_.b, proj_.bob, proj_.cat);
      label(proj_.c, proj_.bob, proj_.dog);
    }
    QVERIFY(win_->openProject(proj_.path, "alice"));
    QVERIFY(first.isNull());  // the old panel let go of the old project
    AnalysisDock* analysis = docks->analysis();
    QVERIFY(analysis);
    QCOMPARE(ProjectDocks::panelOf(docks->reviewDock()), docks->review());
    analysis->findChild<QComboBox*>("analysisModel")->setCurrentText("bob");
    analysis->findChild<QComboBox*>("analysisReference")->setCurrentText("alice");
    analysis->recompute();
    QCOMPARE(analysis->statusText(), QString("3 evaluated item(s)"));

    // Clicking the (reference dog, model cat) cell filters the browser to item b alone.
    widgets::ConfusionHeatmap* heat = analysis->findChild<widgets::ConfusionHeatmap*>("analysisHeatmap");
    QCOMPARE(heat->cellText(1, 0), QString("1"));
    QCOMPARE(heat->cellText(1, 1), QString("1"));
    QCOMPARE(heat->cellText(0, 0), QString("1"));
    // Floated and large, so every cell is on screen whatever the saved layout.
    docks->analysisDock()->setFloating(true);
    docks->analysisDock()->resize(900, 700);
    docks->analysisDock()->show();
    QVERIFY(QTest::qWaitForWindowExposed(docks->analysisDock()));
    QSignalSpy clicked(heat, &widgets::ConfusionHeatmap::cellClicked);
    QTest::mouseClick(heat, Qt::LeftButton, {}, heat->cellRect(1, 0).center());
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(win_->itemModel()->rowCount(), 1);
    QCOMPARE(win_->itemModel()->rowAt(0)->id, proj_.b);

    // Selecting the slice class=dog (2 items) filters the browser to those two.
    widgets::SliceTableWidget* slices = analysis->findChild<widgets::SliceTableWidget*>("analysisSlices");
    int dogRow = -1;
    for (int r = 0; r < slices->model()->rowCount(); ++r)
      if (slices->model()->sliceRow(r).slice == "class=dog") dogRow = r;
    QVERIFY(dogRow >= 0);
    QCOMPARE(slices->model()->sliceRow(dogRow).items, std::int64_t{2});
    QCOMPARE(*slices->model()->sliceRow(dogRow).accuracy, 0.5);
    slices->view()->setCurrentIndex(slices->model()->index(dogRow, 0));
    QCOMPARE(win_->itemModel()->rowCount(), 2);
    QCOMPARE(win_->itemModel()->rowAt(0)->id, proj_.b);
    QCOMPARE(win_->itemModel()->rowAt(1)->id, proj_.c);
  }

  void shortcutSheetListsTheKeyboardFlow() {
    openSmall();
    ShortcutSheet sheet(win_->actions());
    const auto rows = sheet.rows();
    auto has = [&](const QString& keys, const QString& what) {
      return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.first == keys && r.second.contains(what); });
    };
    QVERIFY(has("D", "Next item"));
    QVERIFY(has("A", "Previous item"));
    QVERIFY(has("N", "Next unlabeled"));
    QVERIFY(has("R", "reviewed"));
    QVERIFY(has("P", "Copy boxes"));
    QVERIFY(has("F1", "shortcuts"));
    QVERIFY(has("Tab / Shift+Tab", "Cycle"));
  }

  void nextUnlabeledCanFollowTheModelsUncertainty() {
    QTemporaryDir own;
    const QString path = test::makeSmallDemo(own);
    {
      auto project = storage::Project::open(path.toStdString());
      storage::trainAndStore(project, {.options = {.epochs = 1, .threads = 2}});
    }
    win_ = test::openInMainWindow(path, "newcomer");
    QVERIFY(win_);
    const auto expected = storage::nextItems(reopen(path), {.labeler = "newcomer", .order = storage::NextOrder::Uncertainty, .count = 2});
    QCOMPARE(expected.items.size(), std::size_t{2});
    const Id start = win_->workspace()->currentItem();
    win_->action("uncertaintyOrder")->setChecked(true);
    win_->nextUnlabeled();
    const Id most = expected.items[0].itemId == start ? expected.items[1].itemId : expected.items[0].itemId;
    QCOMPARE(win_->workspace()->currentItem(), most);
    QVERIFY(win_->statusBar()->currentMessage().contains(QString::fromStdString(expected.model)));
    // Off again: list order, the next id after the current one.
    win_->action("uncertaintyOrder")->setChecked(false);
    const auto listed = reopen(path).reads().nextUnlabeled({}, reopen(path).labelers().byName("newcomer")->id, most);
    win_->nextUnlabeled();
    QCOMPARE(win_->workspace()->currentItem(), *listed);
  }

  void screenshotsOnTheDemoProject() {
    // The demo project, small: Fashion-MNIST image labels by a reference labeler and three
    // simulated people.
    const QString path = test::makeSmallDemo(dir_);
    win_ = test::openInMainWindow(path, "alice", QSize(1440, 900));
    QVERIFY(win_);
    QCOMPARE(win_->itemModel()->rowCount(), 150);
    // The demo (image labels, no boxes) opens in image-label mode on its first item.
    QVERIFY(win_->canvasController()->classificationMode());
    QVERIFY(win_->canvasController()->imageLabel() != 0 || win_->workspace()->currentItem() != 0);
    // Other people's labels stay hidden until asked for (no anchoring), then show by name.
    auto* others = win_->classPanel()->findChild<QLabel*>("otherImageLabels");
    QVERIFY(others->isHidden());
    const Id reference = reopen(path).labelers().byName("reference")->id;
    win_->findChild<QAction*>(QStringLiteral("overlay_%1").arg(reference))->trigger();
    QVERIFY(others->isVisibleTo(win_.get()));
    const Id first = win_->workspace()->currentItem();
    const auto truth = reopen(path).annotations().of(first, reference).front().classId;
    QCOMPARE(others->text(), QStringLiteral("Others: reference: %1")
                                 .arg(QString::fromStdString(reopen(path).classes().byId(truth)->name)));
    QImage shot = shoot(*win_, "main_window_demo.png");
    QCOMPARE(shot.size(), win_->size() * win_->devicePixelRatio());
    QVERIFY(colorsIn(shot, win_->canvas(), win_.get()) > 5);

    // With racks added, the project reopens in box mode; a rack: alice's boxes, bob's as a
    // dashed overlay, one box selected.
    const Id rack = addRacks(path);
    QVERIFY(win_->openProject(path, "alice"));
    QCOMPARE(win_->itemModel()->rowCount(), 153);
    QVERIFY(!win_->canvasController()->classificationMode());
    win_->workspace()->setCurrentItem(rack);
    QCOMPARE(win_->canvas()->boxes()->count(), 5);
    win_->findChild<QAction*>(QStringLiteral("overlay_%1").arg(reopen(path).labelers().byName("bob")->id))->trigger();
    QCOMPARE(win_->canvas()->overlay(reopen(path).labelers().byName("bob")->id)->count(), 6);
    win_->canvas()->setSelectedIds({win_->canvas()->boxes()->ids().at(1)});
    shot = shoot(*win_, "main_window.png");
    QVERIFY2(colorsIn(shot, win_->canvas(), win_.get()) > 50, "the canvas shows no image");
    QVERIFY(colorsIn(shot, win_->browser()->list(), win_.get()) > 50);  // thumbnails drawn
  }
};

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  applyLoupeStyle(app);
  MainWindowTest test;
  return QTest::qExec(&test, argc, argv);
}
#include "test_main_window.moc"
