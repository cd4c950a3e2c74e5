// The real canvas in the real main window, driven by QTest mouse and key events; after every
// step the project file is read back through a second connection (what a crash would leave).
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QWheelEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <memory>

#include "tests/widgets/canvas_input.h"
#include "fixture.h"
#include "storage/project.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

class CanvasEditsTest : public test::MainWindowTest {
  Q_OBJECT

 private:
  QPoint at(QPointF imagePos) { return canvas()->mapFromScene(imagePos); }

  void drag(QPointF from, QPointF to) { test::dragOnCanvas(canvas(), from, to); }
  void click(QPointF p, Qt::KeyboardModifiers mods = {}) { QTest::mouseClick(viewport(), Qt::LeftButton, mods, at(p)); }
  void key(int k, Qt::KeyboardModifiers mods = {}) { QTest::keyClick(canvas(), static_cast<Qt::Key>(k), mods); }

  // What is committed in the file, read through an independent connection.
  std::vector<Annotation> committed(Id item, AnnotationKind kind = AnnotationKind::Box) {
    auto p = storage::Project::open(proj_.path.toStdString());
    std::vector<Annotation> out;
    for (const Annotation& a : p.annotations().of(item, proj_.alice))
      if (a.kind == kind) out.push_back(a);
    return out;
  }
  Annotation onlyBox(Id item) {
    const auto boxes = committed(item);
    if (boxes.size() != 1) qFatal("expected exactly one box, found %zu", boxes.size());
    return boxes.front();
  }
  void zoomTwice() {
    canvas()->setTransform(QTransform::fromScale(2, 2));
    canvas()->centerOn(100, 75);
  }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }

  void init() {
    proj_ = test::freshSmallProject(dir_, "p");
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1400, 900));
    QVERIFY(win_);
    QCOMPARE(win_->workspace()->labeler().id, proj_.alice);
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
    zoomTwice();
  }

  void cleanup() { win_.reset(); }

  void drawMoveResizeRelabelNudgeDeleteWithUndoRedo() {
    QUndoStack* undo = win_->workspace()->undoStack();
    // 2 with nothing selected: the next box will be a dog. Drawing starts over nothing.
    key(Qt::Key_2);
    QCOMPARE(win_->workspace()->activeClass(), proj_.dog);
    drag({20, 30}, {120, 90});
    Annotation box = onlyBox(proj_.a);
    QCOMPARE(box.box, (Box{20, 30, 100, 60}));
    QCOMPARE(box.classId, proj_.dog);
    QCOMPARE(canvas()->selectedIds(), QList<Id>{box.id});  // ready for a class key
    const Id id = box.id;

    // Click it, then move by (30, 20).
    click({70, 60});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{id});
    drag({70, 60}, {100, 80});
    QCOMPARE(onlyBox(proj_.a).box, (Box{50, 50, 100, 60}));

    // Resize with the bottom-right handle by (20, 10).
    drag({150, 110}, {170, 120});
    QCOMPARE(onlyBox(proj_.a).box, (Box{50, 50, 120, 70}));

    // Relabel the selection with 1 (cat: first class, no explicit hotkeys).
    key(Qt::Key_1);
    QCOMPARE(onlyBox(proj_.a).classId, proj_.cat);

    // Nudge: three times right, once Shift+down (10 px); one undo step for the burst.
    const int before = undo->count();
    key(Qt::Key_Right);
    key(Qt::Key_Right);
    key(Qt::Key_Right);
    key(Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(onlyBox(proj_.a).box, (Box{53, 60, 120, 70}));
    QCOMPARE(undo->count(), before + 1);

    // Delete, undo (same id back), redo.
    key(Qt::Key_Delete);
    QVERIFY(committed(proj_.a).empty());
    key(Qt::Key_Z, Qt::ControlModifier);
    box = onlyBox(proj_.a);
    QCOMPARE(box.id, id);
    QCOMPARE(box.box, (Box{53, 60, 120, 70}));
    QCOMPARE(box.classId, proj_.cat);
    key(Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(committed(proj_.a).empty());

    // Walk the whole history back, checking the file at every step.
    key(Qt::Key_Z, Qt::ControlModifier);  // undo delete
    QCOMPARE(onlyBox(proj_.a).box, (Box{53, 60, 120, 70}));
    key(Qt::Key_Z, Qt::ControlModifier);  // undo nudges
    QCOMPARE(onlyBox(proj_.a).box, (Box{50, 50, 120, 70}));
    key(Qt::Key_Z, Qt::ControlModifier);  // undo relabel
    QCOMPARE(onlyBox(proj_.a).classId, proj_.dog);
    key(Qt::Key_Z, Qt::ControlModifier);  // undo resize
    QCOMPARE(onlyBox(proj_.a).box, (Box{50, 50, 100, 60}));
    key(Qt::Key_Z, Qt::ControlModifier);  // undo move
    QCOMPARE(onlyBox(proj_.a).box, (Box{20, 30, 100, 60}));
    key(Qt::Key_Z, Qt::ControlModifier);  // undo draw
    QVERIFY(committed(proj_.a).empty());
    QCOMPARE(canvas()->boxes()->count(), 0);
    // And forward again with Ctrl+Y.
    for (int i = 0; i < 5; ++i) key(Qt::Key_Y, Qt::ControlModifier);
    box = onlyBox(proj_.a);
    QCOMPARE(box.id, id);
    QCOMPARE(box.box, (Box{53, 60, 120, 70}));
    QCOMPARE(box.classId, proj_.cat);
    QCOMPARE(canvas()->boxes()->box(id)->rect, QRectF(53, 60, 120, 70));
  }

  void drawingIsClampedAndKeepsDrawMode() {
    key(Qt::Key_3);
    drag({150, 100}, {260, 200});  // ends far outside the 200x150 image
    QCOMPARE(onlyBox(proj_.a).box, (Box{150, 100, 50, 50}));
    // Draw mode continues with no popup: a second Ctrl+drag starting on the first box draws another.
    test::dragOnCanvas(canvas(), {160, 110}, {190, 140}, 4, Qt::ControlModifier);
    const auto boxes = committed(proj_.a);
    QCOMPARE(boxes.size(), std::size_t(2));
    QCOMPARE(boxes[1].box, (Box{160, 110, 30, 30}));
    QCOMPARE(boxes[1].classId, proj_.bird);
    // A move (of a box selected by clicking it) cannot push a box out of the image either.
    click({175, 125});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{boxes[1].id});
    drag({175, 125}, {260, 200});
    QCOMPARE(committed(proj_.a)[1].box, (Box{170, 120, 30, 30}));
  }

  // Issue 12: a drag from inside the box just drawn drew a second box; it moves the box.
  void dragInsideJustDrawnBoxMovesIt() {
    drag({20, 30}, {120, 90});
    const Id id = onlyBox(proj_.a).id;
    drag({70, 60}, {100, 80});
    const Annotation box = onlyBox(proj_.a);  // no new box
    QCOMPARE(box.id, id);
    QCOMPARE(box.box, (Box{50, 50, 100, 60}));
  }

  void dragInsideUnselectedBoxMovesIt() {
    drag({20, 30}, {60, 60});
    drag({120, 80}, {160, 120});
    const auto drawn = committed(proj_.a);
    QCOMPARE(drawn.size(), std::size_t(2));
    QCOMPARE(canvas()->selectedIds(), QList<Id>{drawn[1].id});
    drag({40, 45}, {50, 40});  // inside the first box, which is not selected
    const auto boxes = committed(proj_.a);
    QCOMPARE(boxes.size(), std::size_t(2));
    QCOMPARE(boxes[0].id, drawn[0].id);
    QCOMPARE(boxes[0].box, (Box{30, 25, 40, 30}));
    QCOMPARE(boxes[1].box, drawn[1].box);
    QCOMPARE(canvas()->selectedIds(), QList<Id>{drawn[0].id});
  }

  // Handles of a box ~10 screen px wide once covered all of it: a drag from the middle resized.
  void smallBoxAtLowZoomMovesFromItsMiddle() {
    canvas()->setTransform(QTransform::fromScale(10.0 / 6, 10.0 / 6));
    canvas()->centerOn(100, 75);
    // Multiples of 3 image px land on whole screen pixels at this zoom.
    drag({99, 69}, {105, 75});
    const Id id = onlyBox(proj_.a).id;
    QCOMPARE(onlyBox(proj_.a).box, (Box{99, 69, 6, 6}));
    click({102, 72});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{id});
    drag({102, 72}, {123, 84});
    const Annotation box = onlyBox(proj_.a);
    QCOMPARE(box.id, id);
    QCOMPARE(box.box, (Box{120, 81, 6, 6}));
  }

  // Issue 12: three wheel steps over image point (150.5, 100.5) moved the image's corner there.
  void wheelZoomKeepsTheImagePointUnderTheCursor() {
    const QPointF target(150.5, 100.5);
    const QPoint cursor = at(target);
    const double before = canvas()->zoom();
    for (int i = 0; i < 3; ++i) {
      QWheelEvent wheel(QPointF(cursor), QPointF(viewport()->mapToGlobal(cursor)), QPoint(), QPoint(0, 120),
                        Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QApplication::sendEvent(viewport(), &wheel);
      const QPointF under = canvas()->mapToScene(cursor);
      QVERIFY2(std::abs(under.x() - target.x()) <= 1 && std::abs(under.y() - target.y()) <= 1,
               qPrintable(QStringLiteral("step %1: %2, %3 under the cursor").arg(i).arg(under.x()).arg(under.y())));
    }
    QVERIFY(canvas()->zoom() > before * 1.7);
    auto* readout = win_->findChild<QLabel*>("cursorReadout");
    QVERIFY(readout);
    QCOMPARE(readout->text(), QString("150, 100"));
  }

  void smallBoxUnderLargeIsSelectableAndTabCycles() {
    drag({60, 60}, {80, 80});   // small
    drag({10, 10}, {190, 140}); // large, drawn over the small one
    const auto boxes = committed(proj_.a);
    QCOMPARE(boxes.size(), std::size_t(2));
    const Id small = boxes[0].id, large = boxes[1].id;
    click({70, 70});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{small});
    click({70, 70});  // clicking again reaches the box underneath
    QCOMPARE(canvas()->selectedIds(), QList<Id>{large});
    QTest::mouseMove(viewport(), at({70, 70}));
    key(Qt::Key_Tab);
    QCOMPARE(canvas()->selectedIds(), QList<Id>{small});
    key(Qt::Key_Tab);
    QCOMPARE(canvas()->selectedIds(), QList<Id>{large});
    click({30, 20});  // only the large box is here
    QCOMPARE(canvas()->selectedIds(), QList<Id>{large});
    key(Qt::Key_Escape);
    QVERIFY(canvas()->selectedIds().isEmpty());
  }

  void lockedBoxesDoNotMoveAndHiddenBoxesAreNotHit() {
    drag({20, 20}, {60, 60});
    const Id id = onlyBox(proj_.a).id;
    click({30, 30});                        // selected by a click: would be movable...
    QTest::keyClick(canvas(), Qt::Key_L);  // ...but is locked
    QVERIFY(canvas()->boxes()->locked().contains(id));
    drag({40, 40}, {80, 80});  // starts on the locked box: draws a new box instead of moving it
    auto boxes = committed(proj_.a);
    QCOMPARE(boxes.size(), std::size_t(2));
    QCOMPARE(boxes[0].box, (Box{20, 20, 40, 40}));
    click({30, 30});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{id});
    key(Qt::Key_Delete);  // locked: not deleted
    QCOMPARE(committed(proj_.a).size(), std::size_t(2));
    QTest::keyClick(canvas(), Qt::Key_H);  // hide it
    click({30, 30});
    QVERIFY(canvas()->selectedIds().isEmpty());
    QTest::keyClick(canvas(), Qt::Key_H, Qt::ShiftModifier);
    click({30, 30});
    QCOMPARE(canvas()->selectedIds(), QList<Id>{id});
  }

  void undoWorksAcrossItems() {
    drag({20, 20}, {60, 60});
    QTest::keyClick(canvas(), Qt::Key_D);  // next item
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    zoomTwice();
    drag({100, 100}, {140, 130});
    QCOMPARE(committed(proj_.b).size(), std::size_t(1));
    QTest::keyClick(canvas(), Qt::Key_A);  // back to a
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
    key(Qt::Key_Z, Qt::ControlModifier);  // undoes b's box and shows b
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    QVERIFY(committed(proj_.b).empty());
    key(Qt::Key_Z, Qt::ControlModifier);  // undoes a's box and shows a
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
    QVERIFY(committed(proj_.a).empty());
    key(Qt::Key_Y, Qt::ControlModifier);
    QCOMPARE(committed(proj_.a).size(), std::size_t(1));
    QCOMPARE(canvas()->boxes()->count(), 1);
  }

  void copyBoxesFromPreviousItem() {
    drag({20, 20}, {60, 60});
    drag({100, 40}, {180, 140});
    QTest::keyClick(canvas(), Qt::Key_D);
    QTest::keyClick(canvas(), Qt::Key_P);
    const auto copies = committed(proj_.b);
    QCOMPARE(copies.size(), std::size_t(2));
    QCOMPARE(copies[0].box, (Box{20, 20, 40, 40}));
    QCOMPARE(copies[1].box, (Box{100, 40, 80, 100}));
    QCOMPARE(canvas()->boxes()->count(), 2);
    key(Qt::Key_Z, Qt::ControlModifier);  // one step removes both
    QVERIFY(committed(proj_.b).empty());
    QCOMPARE(committed(proj_.a).size(), std::size_t(2));
  }

  void otherLabelersAreReadOnlyOverlays() {
    BoxLayer* bob = canvas()->overlay(proj_.bob);
    QCOMPARE(bob->count(), 1);
    QVERIFY(!bob->isVisible());  // off until asked for
    QAction* toggle = win_->findChild<QAction*>(QStringLiteral("overlay_%1").arg(proj_.bob));
    QVERIFY(toggle);
    toggle->trigger();
    QVERIFY(bob->isVisible());
    // Clicking bob's box selects nothing of alice's; dragging over it draws alice's own box.
    click({30, 30});
    QVERIFY(canvas()->selectedIds().isEmpty());
    drag({15, 15}, {45, 45});
    QCOMPARE(committed(proj_.a).size(), std::size_t(1));
    auto p = storage::Project::open(proj_.path.toStdString());
    QCOMPARE(p.annotations().of(proj_.a, proj_.bob).front().box, (Box{10, 10, 50, 40}));
  }

  void imageLabelModeAndReviewed() {
    QTest::keyClick(canvas(), Qt::Key_M);
    QVERIFY(win_->canvasController()->classificationMode());
    key(Qt::Key_2);
    auto labels = committed(proj_.a, AnnotationKind::ImageLabel);
    QCOMPARE(labels.size(), std::size_t(1));
    QCOMPARE(labels[0].classId, proj_.dog);
    key(Qt::Key_3);  // replaces, never adds a second label
    labels = committed(proj_.a, AnnotationKind::ImageLabel);
    QCOMPARE(labels.size(), std::size_t(1));
    QCOMPARE(labels[0].classId, proj_.bird);
    QCOMPARE(win_->canvasController()->imageLabel(), proj_.bird);
    key(Qt::Key_Z, Qt::ControlModifier);
    labels = committed(proj_.a, AnnotationKind::ImageLabel);
    QCOMPARE(labels.size(), std::size_t(1));
    QCOMPARE(labels[0].classId, proj_.dog);
    // No boxes are drawn in image-label mode.
    drag({20, 20}, {60, 60});
    QVERIFY(committed(proj_.a).empty());

    QTest::keyClick(canvas(), Qt::Key_R);
    QVERIFY(storage::Project::open(proj_.path.toStdString()).items().byId(proj_.a)->reviewed);
    key(Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!storage::Project::open(proj_.path.toStdString()).items().byId(proj_.a)->reviewed);
  }

  void nextUnlabeledSkipsLabeledItems() {
    drag({20, 20}, {60, 60});                // a labeled by alice
    QTest::keyClick(canvas(), Qt::Key_D);    // b
    zoomTwice();
    drag({20, 20}, {60, 60});                // b labeled
    QTest::keyClick(canvas(), Qt::Key_A);    // a
    QTest::keyClick(canvas(), Qt::Key_N);
    QCOMPARE(win_->workspace()->currentItem(), proj_.c);
    // Arrow keys with nothing selected navigate too.
    key(Qt::Key_Escape);
    key(Qt::Key_Left);
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
  }
};

QTEST_MAIN(CanvasEditsTest)
#include "test_canvas_edits.moc"
