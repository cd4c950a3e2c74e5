// The labeling workspace as a new user meets it (issue 12): copying boxes onto a smaller image,
// a toolbar that keeps its buttons on screen, box labels at the top image edge, reopening where
// the labeler left off, Ctrl+A, locks that survive a restart, and the Device panel saying before a
// deploy whether the model fits the board. The real main window, offscreen, on real project files.
#include <QAction>
#include <QApplication>
#include <QGraphicsScene>
#include <QLineEdit>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <memory>

#include "core/nn/architectures.h"
#include "core/quant/blob_io.h"
#include "core/quant/converter.h"
#include "fixture.h"
#include "storage/project.h"
#include "tests/serial_link/tiny_model.h"
#include "tests/support/annotation_values.h"
#include "widgets/canvas/box_layer.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/commands/class_commands.h"
#include "widgets/device/device_panel.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

class LabelingFlowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  test::SmallProject proj_;
  std::unique_ptr<MainWindow> win_;

  void openWindow(const QString& labeler) {
    win_ = test::showMainWindow(QSize(1400, 900));
    QVERIFY(win_);
    QVERIFY(win_->openProject(proj_.path, labeler));
  }
  void key(int k, Qt::KeyboardModifiers mods = {}) { QTest::keyClick(win_->canvas(), static_cast<Qt::Key>(k), mods); }
  std::vector<Box> committedBoxes(Id item) {
    auto p = storage::Project::open(proj_.path.toStdString());
    std::vector<Box> out;
    for (const Annotation& a : p.annotations().of(item, proj_.alice))
      if (a.kind == AnnotationKind::Box) out.push_back(a.box);
    std::sort(out.begin(), out.end(), [](const Box& l, const Box& r) { return l.x < r.x; });
    return out;
  }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }

  void init() {
    proj_ = test::freshSmallProject(dir_, "flow");
  }

  void cleanup() { win_.reset(); }

  // Defect 6: P onto a smaller image says how many boxes were copied, clipped and dropped.
  void copyOntoASmallerImageSaysWhatWasClippedAndDropped() {
    Id small = 0;
    {
      auto p = storage::Project::open(proj_.path.toStdString());
      p.annotations().add(test::boxLabel(proj_.c, proj_.alice, proj_.cat, {10, 10, 30, 30}));    // fits
      p.annotations().add(test::boxLabel(proj_.c, proj_.alice, proj_.cat, {80, 60, 40, 40}));    // crosses the edge
      p.annotations().add(test::boxLabel(proj_.c, proj_.alice, proj_.dog, {150, 100, 30, 30}));  // outside
      storage::NewItem item;
      item.name = "small.png";  // lists right after c.png
      item.width = 100;
      item.height = 80;
      item.split = Split::Train;
      item.media = storage::NewMedia{test::pngBytes(test::samplePicture(7, QSize(100, 80))), {}, "png", {}};
      small = p.items().add(item);
    }
    openWindow("alice");
    win_->workspace()->setCurrentItem(small);
    key(Qt::Key_P);
    QCOMPARE(win_->statusBar()->currentMessage(),
             QString("Copied 2 box(es) from the previous item: 1 clipped to this image, 1 dropped (outside this image)"));
    const auto boxes = committedBoxes(small);
    QCOMPARE(boxes.size(), std::size_t(2));
    QCOMPARE(boxes[0], (Box{10, 10, 30, 30}));
    QCOMPARE(boxes[1], (Box{80, 60, 20, 20}));
  }

  // Defect 8a: a long undo text neither widens the toolbar nor pushes its buttons off screen;
  // the Edit menu keeps the full text and the toolbar button tells it in its tooltip.
  void toolbarKeepsItsWidthWithALongUndoText() {
    openWindow("alice");
    auto* bar = win_->findChild<QToolBar*>("toolbar_labeling");
    QVERIFY(bar);
    const int before = bar->sizeHint().width();
    const QString name = "Pullover with a rather long name that a new user typed";
    win_->workspace()->run(new AddClassCommand(win_->workspace(), name.toStdString(), "#123456"));
    QCOMPARE(win_->action("undo")->text(), "&Undo Add class " + name);
    QCOMPARE(bar->sizeHint().width(), before);
    QToolButton* undoButton = nullptr;
    for (auto* b : bar->findChildren<QToolButton*>())
      if (b->text() == "Undo") undoButton = b;
    QVERIFY(undoButton);
    QVERIFY(undoButton->isEnabled());
    QCOMPARE(undoButton->toolTip(), "Undo Add class " + name);
    undoButton->click();
    QVERIFY(!storage::Project::open(proj_.path.toStdString()).classes().byName(name.toStdString()));
    QVERIFY(!undoButton->isEnabled());
  }
  void everyToolbarButtonFitsA1280PixelWindow() {
    openWindow("alice");
    win_->resize(1280, 800);
    win_->workspace()->run(new AddClassCommand(win_->workspace(), "Pullover with a rather long name", "#123456"));
    QApplication::processEvents();
    auto* bar = win_->findChild<QToolBar*>("toolbar_labeling");
    QVERIFY(bar->width() <= 1280);
    for (QAction* a : bar->actions()) {
      if (a->isSeparator()) continue;
      QWidget* button = bar->widgetForAction(a);
      QVERIFY2(button && button->isVisible(), qPrintable(a->text()));
      QVERIFY2(button->geometry().right() < bar->width(), qPrintable(a->text()));
    }
    // The menus keep the full texts.
    QCOMPARE(win_->action("nextUnlabeled")->text(), QString("Next &unlabeled item"));
  }

  // Defect 8b: a box at the top image edge has its class tag inside the image, not above it
  // where the view ends.
  void labelAtTheTopEdgeStaysInsideTheImage() {
    QGraphicsScene scene;
    auto* layer = new BoxLayer(BoxLayer::Style::Editable);
    scene.addItem(layer);
    layer->setBounds(QRectF(0, 0, 200, 150));
    layer->setBoxes({CanvasBox{1, 1, QRectF(20, 0, 80, 60), QColor(255, 0, 0), "cat"}});
    QImage image(400, 300, QImage::Format_RGB32);  // the image alone at zoom 2
    image.fill(Qt::black);
    {
      QPainter painter(&image);
      scene.render(&painter, QRectF(0, 0, 400, 300), QRectF(0, 0, 200, 150));
    }
    // The tag is a red rectangle with white text, just inside the box's top-left corner (x 40,
    // y 0 at zoom 2); above the image it would leave this unfilled box interior black.
    int red = 0;
    for (int y = 2; y <= 12; ++y)
      for (int x = 41; x <= 64; ++x) red += image.pixelColor(x, y) == QColor(255, 0, 0);
    QVERIFY2(red > 100, qPrintable(QString::number(red)));
  }

  // Defect 8c: reopening a project starts where this labeler left off (not item 1); another
  // labeler starts at their own place; an item gone since starts at the first.
  void reopeningStartsWhereTheLabelerLeftOff() {
    openWindow("alice");
    key(Qt::Key_D);
    key(Qt::Key_D);
    QCOMPARE(win_->workspace()->currentItem(), proj_.c);
    win_.reset();
    openWindow("bob");
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
    key(Qt::Key_D);
    win_.reset();
    openWindow("alice");
    QCOMPARE(win_->workspace()->currentItem(), proj_.c);
    win_.reset();
    openWindow("bob");
    QCOMPARE(win_->workspace()->currentItem(), proj_.b);
    win_.reset();
    storage::Project::open(proj_.path.toStdString()).items().remove(proj_.c);
    openWindow("alice");
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
  }

  // Defect 8d: Ctrl+A selects every visible, unlocked box; in a text field it selects the text.
  void ctrlASelectsTheBoxesButNotInATextField() {
    Id one = 0, two = 0, three = 0, four = 0;
    {
      auto p = storage::Project::open(proj_.path.toStdString());
      one = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {10, 10, 20, 20})).id;
      two = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {40, 10, 20, 20})).id;
      three = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {70, 10, 20, 20})).id;
      four = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {100, 10, 20, 20})).id;
    }
    openWindow("alice");
    CanvasView* canvas = win_->canvas();
    canvas->setSelectedIds({three});
    key(Qt::Key_H);  // hide three
    canvas->setSelectedIds({four});
    key(Qt::Key_L);  // lock four
    canvas->clearSelection();
    key(Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(canvas->selectedIds(), (QList<Id>{one, two}));  // bob's box is not alice's to select
    canvas->clearSelection();
    auto* field = win_->findChild<QLineEdit*>();
    QVERIFY(field);
    field->setText("hello");
    field->setFocus();
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(field->selectedText(), QString("hello"));
    QVERIFY(canvas->selectedIds().isEmpty());
  }

  // Defect 8e: a lock survives closing and reopening the project; unlocking is remembered too.
  void locksSurviveAReopen() {
    Id one = 0, two = 0;
    {
      auto p = storage::Project::open(proj_.path.toStdString());
      one = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {10, 10, 20, 20})).id;
      two = p.annotations().add(test::boxLabel(proj_.a, proj_.alice, proj_.cat, {40, 10, 20, 20})).id;
    }
    openWindow("alice");
    win_->canvas()->setSelectedIds({one});
    key(Qt::Key_L);
    QCOMPARE(win_->canvas()->boxes()->locked(), (QSet<Id>{one}));
    key(Qt::Key_D);  // another item and back
    key(Qt::Key_A);
    QCOMPARE(win_->canvas()->boxes()->locked(), (QSet<Id>{one}));
    win_.reset();
    openWindow("bob");  // bob's boxes on the item, not alice's: her lock stays hers
    QVERIFY(win_->canvas()->boxes()->locked().isEmpty());
    win_.reset();
    openWindow("alice");
    QCOMPARE(win_->workspace()->currentItem(), proj_.a);
    QCOMPARE(win_->canvas()->boxes()->locked(), (QSet<Id>{one}));
    win_->canvas()->setSelectedIds({one, two});
    key(Qt::Key_L);  // lock both
    win_->canvas()->setSelectedIds({one, two});
    key(Qt::Key_L);  // all locked: unlock both
    QVERIFY(win_->canvas()->boxes()->locked().isEmpty());
    win_.reset();
    openWindow("alice");
    QVERIFY(win_->canvas()->boxes()->locked().isEmpty());
  }

  // Defect 9: before a deploy the Device panel says whether the selected model fits the board
  // (the firmware's 128 KB flash slot while no board is connected).
  void devicePanelSaysWhetherTheModelFits() {
    std::vector<std::uint8_t> big;
    {
      std::vector<std::string> classes;
      for (int i = 0; i < 10; ++i) classes.push_back("c" + std::to_string(i));
      // fmnist-cnn at 56 x 56: its dense layer alone is 14 x 14 x 32 x 32 int8 weights (196 KB).
      nn::Architecture arch = nn::architecture("fmnist-cnn");
      arch.input = {56, 56, 1};
      const nn::NetworkSpec net = nn::buildInitialised(arch, classes, 1);
      big = quant::writeBlob(quant::quantize(net, std::vector<quant::TensorRange>(net.layers.size() + 1, {-1.0f, 1.0f})));
      QVERIFY(big.size() > 128 * 1024);
      auto p = storage::Project::open(proj_.path.toStdString());
      storage::ModelRecord m;
      m.architecture = "test";
      m.name = "fmnist";
      m.int8Blob = big;
      p.models().store(m);
      m.name = "tiny";
      m.int8Blob = test::tinyModel(1);
      p.models().store(m);
    }
    Workspace ws;
    ws.setProject(storage::Project::open(proj_.path.toStdString()));
    DevicePanel panel(&ws);
    panel.selectModel("fmnist");
    const auto kb = static_cast<qulonglong>((big.size() + 1023) / 1024);  // the panel rounds up
    QCOMPARE(panel.modelFitText(), QString("too large for the board: %1 KB of 128 KB").arg(kb));
    panel.selectModel("tiny");
    QVERIFY2(panel.modelFitText().startsWith("fits the board: ") && panel.modelFitText().endsWith(" KB of 128 KB"),
             qPrintable(panel.modelFitText()));
  }
};

QTEST_MAIN(LabelingFlowTest)
#include "test_labeling_flow.moc"
