// GUI and CLI on one project at once: the real `loupe import` / `loupe tag` run as other processes
// while the main window is open. The window must show what they wrote without losing the
// labeler's place (current item, browser scroll, canvas zoom and selection, undo stack), edits
// made afterwards must land beside the imported rows, and an undo whose rows another writer
// changed must be refused with a status-bar message instead of writing over them.
// Depends on the fix of Project::open's header peek through an ifstream (see CMakeLists.txt):
// without it the window's connection loses its locks and the CLI's writes end in "disk I/O error".
#include <QAction>
#include <QDir>
#include <QFile>
#include <QListView>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

#include "tests/widgets/canvas_input.h"
#include "fixture.h"
#include "storage/project.h"
#include "tests/support/cli_run.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/classes/class_panel.h"
#include "widgets/commands/item_commands.h"
#include "widgets/main_window/main_window.h"
#include "widgets/review/review_commands.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

class OutsideWritesTest : public test::MainWindowTest {
  Q_OBJECT

 private:
  QUndoStack* undo() { return win_->workspace()->undoStack(); }
  QPoint at(QPointF imagePos) { return canvas()->mapFromScene(imagePos); }
  void drag(QPointF from, QPointF to) { test::dragOnCanvas(canvas(), from, to); }
  void shoot(const QString& file) {
    QTest::qWait(100);
    const QString outDir = QStringLiteral(LOUPE_BINARY_DIR "/test-output");
    QDir().mkpath(outDir);
    win_->grab().toImage().save(outDir + "/" + file);
  }
  storage::Project reopen() { return storage::Project::open(proj_.path.toStdString()); }
  std::vector<Annotation> aliceBoxes(Id item) {
    std::vector<Annotation> out;
    for (const Annotation& a : reopen().annotations().of(item, proj_.alice))
      if (a.kind == AnnotationKind::Box) out.push_back(a);
    return out;
  }

  // A CSV of boxes: `count` new items named <prefix>NNN.png by carol, plus one carol box on b.png.
  QString writeCsv(const QString& name, const QString& prefix, int count) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    f.write("item,labeler,label,x,y,w,h\n");
    for (int i = 0; i < count; ++i)
      f.write(QStringLiteral("%1%2.png,carol,fish,1,2,%3,4\n").arg(prefix).arg(i, 3, 10, QChar('0')).arg(3 + i % 5).toUtf8());
    f.write("b.png,carol,cat,30,40,50,20\n");
    return path;
  }
  void import(const QString& csv) {
    const auto r = test::runLoupe({"import", proj_.path, "--format", "csv", csv});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
  }

 private slots:
  void initTestCase() {
    QVERIFY(test::enterGuiTestMode(dir_));
    QVERIFY2(QFile::exists(qEnvironmentVariable("LOUPE_CLI")), "LOUPE_CLI must name the built loupe");
  }

  void init() {
    proj_ = test::freshSmallProject(dir_, "o");
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1400, 900));
    QVERIFY(win_);
    win_->workspace()->setOutsidePollInterval(50);
  }

  void cleanup() { win_.reset(); }

  void importBesideTheWindowKeepsThePlace() {
    ItemListModel* model = win_->itemModel();
    QCOMPARE(model->rowCount(), 3);
    // On b, zoomed in, with one box drawn (selected, on the undo stack).
    win_->workspace()->setCurrentItem(proj_.b);
    canvas()->setTransform(QTransform::fromScale(2, 2));
    canvas()->centerOn(100, 75);
    drag({20, 30}, {120, 90});
    QCOMPARE(aliceBoxes(proj_.b).size(), std::size_t(1));
    const Id drawn = aliceBoxes(proj_.b).front().id;
    QCOMPARE(canvas()->selectedIds(), QList<Id>{drawn});
    QCOMPARE(undo()->count(), 1);
    const double zoom = canvas()->zoom();
    const int hScroll = canvas()->horizontalScrollBar()->value();
    const int vScroll = canvas()->verticalScrollBar()->value();

    import(writeCsv("first.csv", "new/", 300));

    // The browser grows to 303 rows; the place is kept.
    QTRY_COMPARE(model->rowCount(), 303);
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    QCOMPARE(win_->browser()->list()->currentIndex().row(), 1);
    QCOMPARE(undo()->count(), 1);
    QCOMPARE(undo()->index(), 1);
    QCOMPARE(canvas()->zoom(), zoom);
    QCOMPARE(canvas()->horizontalScrollBar()->value(), hScroll);
    QCOMPARE(canvas()->verticalScrollBar()->value(), vScroll);
    QCOMPARE(canvas()->selectedIds(), QList<Id>{drawn});
    // carol is new: her box on the item on screen is an overlay (hidden until asked for), and
    // her class "fish" joins the class list.
    const auto carol = reopen().labelers().byName("carol");
    QVERIFY(carol);
    QCOMPARE(canvas()->overlay(carol->id)->count(), 1);
    QVERIFY(win_->action(QStringLiteral("overlay_%1").arg(carol->id)));
    QCOMPARE(win_->classPanel()->list()->count(), 4);
    QVERIFY(reopen().classes().byName("fish"));
    QCOMPARE(win_->canvasController()->classForDigit(4), reopen().classes().byName("fish")->id);
    win_->action(QStringLiteral("overlay_%1").arg(carol->id))->trigger();
    shoot("outside_writes_import.png");
    win_->action(QStringLiteral("overlay_%1").arg(carol->id))->trigger();

    // Scroll the browser to the middle and pick a row there; the next import keeps both.
    win_->goToRow(150);
    const Id middle = win_->workspace()->currentItem();
    QScrollBar* scroll = win_->browser()->list()->verticalScrollBar();
    const int scrolled = scroll->value();
    QVERIFY(scrolled > 0);
    import(writeCsv("second.csv", "more/", 40));
    QTRY_COMPARE(model->rowCount(), 343);
    QCOMPARE(win_->workspace()->currentItem(), middle);
    QCOMPARE(scroll->value(), scrolled);
    QCOMPARE(win_->browser()->list()->currentIndex().row(), 150);

    // An edit after the imports goes into the file next to the imported rows.
    win_->workspace()->setCurrentItem(proj_.b);
    canvas()->setTransform(QTransform::fromScale(2, 2));
    canvas()->centerOn(100, 75);
    drag({130, 20}, {180, 60});
    QCOMPARE(undo()->count(), 2);
    auto p = reopen();
    QCOMPARE(p.items().count({}), 343);
    QCOMPARE(aliceBoxes(proj_.b).size(), std::size_t(2));
    QCOMPARE(p.annotations().of(proj_.b, carol->id).size(), std::size_t(1));  // the re-import skipped the duplicate
    QCOMPARE(p.annotations().of(p.items().byName("new/123.png")->item.id, carol->id).size(), std::size_t(1));
    // And undoing the GUI edits touches only alice's boxes.
    undo()->undo();
    undo()->undo();
    QVERIFY(aliceBoxes(proj_.b).empty());
    QCOMPARE(reopen().items().count({}), 343);
    QCOMPARE(reopen().annotations().of(proj_.b, carol->id).size(), std::size_t(1));
  }

  void undoOfWhatAnotherProcessChangedIsRefused() {
    // The GUI sets a tag; `loupe tag` (another process) changes it; undo must not write back.
    win_->workspace()->setCurrentItem(proj_.b);
    win_->workspace()->run(new SetAttributeCommand(win_->workspace(), proj_.b, "error_tag", "blurry"));
    QCOMPARE(reopen().attributes().of(proj_.b).at("error_tag"), std::string("blurry"));
    const auto r = test::runLoupe({"tag", proj_.path, "b.png", "occluded"});
    QVERIFY2(r.exitCode == 0, r.err.c_str());
    undo()->undo();
    QCOMPARE(reopen().attributes().of(proj_.b).at("error_tag"), std::string("occluded"));
    QVERIFY2(win_->statusBar()->currentMessage().startsWith("Cannot undo"), qPrintable(win_->statusBar()->currentMessage()));
    QCOMPARE(undo()->count(), 0);  // dropped: the stack never disagrees with the file

    // A box drawn in the GUI, then moved by another connection: undoing the draw keeps it.
    drag({20, 30}, {120, 90});
    const Id drawn = aliceBoxes(proj_.b).front().id;
    reopen().annotations().setBox(drawn, Box{5, 5, 10, 10});
    undo()->undo();
    QCOMPARE(aliceBoxes(proj_.b).size(), std::size_t(1));
    QCOMPARE(aliceBoxes(proj_.b).front().box, (Box{5, 5, 10, 10}));
    QVERIFY(win_->statusBar()->currentMessage().contains("changed by another process"));
    // The canvas shows the file's box, not the one this window drew.
    QTRY_COMPARE(canvas()->boxes()->box(drawn)->rect, QRectF(5, 5, 10, 10));
    shoot("outside_writes_refused_undo.png");

    // Moved in the GUI, then deleted elsewhere: the undo of the move fails cleanly.
    canvas()->setSelectedIds({drawn});
    QTest::keyClick(canvas(), Qt::Key_Right);
    QCOMPARE(aliceBoxes(proj_.b).front().box, (Box{6, 5, 10, 10}));
    const int before = undo()->count();
    reopen().annotations().remove(drawn);
    undo()->undo();
    QVERIFY(aliceBoxes(proj_.b).empty());
    QCOMPARE(undo()->count(), before - 1);
    QVERIFY(win_->statusBar()->currentMessage().contains("removed by another process"));
    QTRY_VERIFY(!canvas()->boxes()->box(drawn));

    // Two boxes drawn; the second relabelled here, then relabelled again elsewhere. Undo keeps
    // the other writer's class, and so does the undo of its draw (deleting the box would lose
    // their change); the first box, which nobody else touched, still undoes.
    drag({20, 30}, {60, 60});
    drag({100, 80}, {150, 120});
    const auto two = aliceBoxes(proj_.b);
    QCOMPARE(two.size(), std::size_t(2));
    const Id first = two[0].id, second = two[1].id;
    QTest::keyClick(canvas(), Qt::Key_2);  // the just-drawn box becomes a dog
    QCOMPARE(reopen().annotations().byId(second)->classId, proj_.dog);
    reopen().annotations().setClass(second, proj_.bird);
    undo()->undo();  // the relabel
    QCOMPARE(reopen().annotations().byId(second)->classId, proj_.bird);
    undo()->undo();  // the second draw
    QVERIFY(reopen().annotations().byId(second));
    undo()->undo();  // the first draw
    QVERIFY(!reopen().annotations().byId(first));
    QCOMPARE(aliceBoxes(proj_.b).size(), std::size_t(1));
    QCOMPARE(undo()->count(), 1);  // refused steps were dropped; the first draw can be redone
    QCOMPARE(undo()->index(), 0);
  }

  void panelEditWhoseItemWentAwayUndoesWithoutCrashing() {
    // A review panel edit whose item went away: Ctrl+Z must turn that into a message, not an
    // exception through the event loop.
    win_->workspace()->run(new widgets::SetAmbiguousCommand(win_->workspace(), proj_.c, true));
    QVERIFY(reopen().items().byId(proj_.c)->ambiguous);
    reopen().items().remove(proj_.c);
    win_->action("undo")->trigger();
    QVERIFY2(win_->statusBar()->currentMessage().startsWith("Cannot undo “Mark ambiguous”"),
             qPrintable(win_->statusBar()->currentMessage()));
    QVERIFY(!reopen().items().byId(proj_.c));
    QCOMPARE(undo()->count(), 0);  // dropped, like every refused edit: the stack never disagrees with the file
  }

  void itemRemovedElsewhereLeavesTheCanvas() {
    win_->workspace()->setCurrentItem(proj_.c);
    reopen().items().remove(proj_.c);
    QTRY_COMPARE(win_->workspace()->currentItem(), Id(0));
    QTRY_COMPARE(win_->itemModel()->rowCount(), 2);
    QVERIFY(win_->statusBar()->currentMessage().contains("removed by another process"));
  }
};

QTEST_MAIN(OutsideWritesTest)
#include "test_outside_writes.moc"
