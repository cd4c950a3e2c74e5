// Shadow mode in the real main window on a real project file: with the toggle on, opening an item
// runs the model on a worker thread and shows its suggestion; an item proposed on before shows
// the stored boxes at once; Y (a real key event) accepts them as the labeler's annotations in one
// undo step; undo takes them away and the suggestions come back; the panel counts agreement.
#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

#include "core/nn/architectures.h"
#include "core/nn/spec_io.h"
#include "tests/widgets/canvas_input.h"
#include "tests/widgets/fixture.h"
#include "storage/project.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/main_window/main_window.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/session/project_settings.h"
#include "widgets/session/workspace.h"
#include "widgets/shadow/shadow_mode.h"
#include "widgets/shadow/shadow_panel.h"
#include "widgets/shadow/suggestion_layer.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {
// An untrained classifier over the project's classes: it proposes some class with some score.
void storeModel(const QString& path) {
  auto p = storage::Project::open(path.toStdString());
  const auto& arch = nn::architecture("board28-cnn");
  p.models().store({.id = 0, .name = "net", .architecture = arch.name, .created = {},
                    .floatBlob = nn::serializeNetwork(nn::buildInitialised(arch, {"cat", "dog", "bird"}, 11)),
                    .int8Blob = {}, .metricsJson = "{}", .labelsJson = R"(["cat","dog","bird"])"});
}

storage::PrelabelProposal boxProposal(Id item, Id labeler, const char* cls, Box box, double score) {
  storage::PrelabelProposal p;
  p.itemId = item;
  p.labelerId = labeler;
  p.model = "net";
  p.className = cls;
  p.box = box;
  p.score = score;
  return p;
}
}  // namespace

class TestShadowMode : public test::MainWindowTest {
  Q_OBJECT

  ShadowMode* shadow() { return win_->projectDocks()->shadowMode(); }
  Workspace* ws() { return win_->workspace(); }
  std::size_t answers(Id item) { return ws()->project().annotations().of(item, proj_.alice).size(); }

 private slots:
  void initTestCase() { QVERIFY(test::enterGuiTestMode(dir_)); }

  void init() {
    proj_ = test::freshSmallProject(dir_, "shadow");
    storeModel(proj_.path);
    {
      // The model proposed two dog boxes on b to alice before (a stored proposal shows at once).
      auto p = storage::Project::open(proj_.path.toStdString());
      p.proposals().add({boxProposal(proj_.b, proj_.alice, "dog", {20, 20, 60, 40}, 0.91),
                         boxProposal(proj_.b, proj_.alice, "dog", {110, 60, 50, 50}, 0.64)});
    }
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1600, 1000));
    QVERIFY(win_);
  }
  void cleanup() { win_.reset(); }

  void suggestionAcceptedWithOneKeyAndUndone() {
    ws()->setCurrentItem(proj_.a);
    QVERIFY(!shadow()->enabled());
    QVERIFY(!shadow()->suggestionsVisible());
    QAction* toggle = win_->action("shadowMode");
    QVERIFY(toggle);
    toggle->trigger();  // Edit > Shadow mode
    QVERIFY(shadow()->enabled());
    QVERIFY(QSettings().value(projectSettingsKey("shadowMode", proj_.path)).toBool());
    // The model runs on a worker thread; the window keeps going meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(shadow()->suggestionsVisible(), 10000);
    QCOMPARE(shadow()->proposals().size(), std::size_t{1});
    const auto proposal = shadow()->proposals()[0];
    QVERIFY(!proposal.box);
    QCOMPARE(ws()->project().proposals().of(proj_.alice, "net").size(), std::size_t{3});

    QTest::keyClick(canvas(), Qt::Key_Y);
    QCOMPARE(answers(proj_.a), std::size_t{1});
    const auto label = ws()->project().annotations().of(proj_.a, proj_.alice)[0];
    QCOMPARE(ws()->project().classes().byId(label.classId)->name, proposal.className);
    QVERIFY(!shadow()->suggestionsVisible());  // answered
    QCOMPARE(ws()->undoStack()->count(), 1);

    ws()->undo();
    QCOMPARE(answers(proj_.a), std::size_t{0});
    QVERIFY(shadow()->suggestionsVisible());  // pending again
    // Reopening does not run the model again: the proposal is recorded once.
    ws()->setCurrentItem(proj_.c);
    QTRY_COMPARE_WITH_TIMEOUT(ws()->project().proposals().of(proj_.alice, "net").size(), std::size_t{4}, 10000);  // + c's
    ws()->setCurrentItem(proj_.a);
    QCOMPARE(ws()->project().proposals().of(proj_.alice, "net").size(), std::size_t{4});
    QCOMPARE(shadow()->proposals()[0].id, proposal.id);
  }

  void storedBoxesShownAtOnceAndAccepted() {
    ws()->setCurrentItem(proj_.b);  // first, so the model runs on no other item meanwhile
    shadow()->setEnabled(true);
    QVERIFY(shadow()->suggestionsVisible());  // stored: no model run
    QVERIFY(!shadow()->busy());
    QCOMPARE(shadow()->layer()->count(), 2);
    QVERIFY(shadow()->layer()->scene() == canvas()->scene());
    QCOMPARE(canvas()->boxes()->count(), 0);

    QTest::keyClick(canvas(), Qt::Key_Y);
    QCOMPARE(answers(proj_.b), std::size_t{2});
    QCOMPARE(canvas()->boxes()->count(), 2);
    QVERIFY(!shadow()->suggestionsVisible());
    auto* panel = win_->projectDocks()->shadowPanel();
    panel->refresh();
    QTableWidget* table = panel->table();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, ShadowPanel::Class)->text(), QString("dog"));
    QCOMPARE(table->item(0, ShadowPanel::Agreed)->text(), QString("2"));
    QCOMPARE(table->item(0, ShadowPanel::Rate)->data(Qt::UserRole).toDouble(), 1.0);

    ws()->undo();  // one step takes both boxes
    QCOMPARE(answers(proj_.b), std::size_t{0});
    QCOMPARE(canvas()->boxes()->count(), 0);
    QVERIFY(shadow()->suggestionsVisible());
    panel->refresh();
    QCOMPARE(table->item(0, ShadowPanel::Answered)->text(), QString("0"));  // pending again

    // Editing instead of accepting: the user's own box hides the suggestions, and Y does nothing.
    test::dragOnCanvas(canvas(), QPointF(120, 20), QPointF(180, 50));
    QCOMPARE(answers(proj_.b), std::size_t{1});
    QVERIFY(!shadow()->suggestionsVisible());
    QTest::keyClick(canvas(), Qt::Key_Y);
    QCOMPARE(answers(proj_.b), std::size_t{1});
    ws()->undo();
    QVERIFY(shadow()->suggestionsVisible());

    const QString shot = qEnvironmentVariable("LOUPE_SHADOW_SHOT");
    if (!shot.isEmpty()) {
      // Some answered history for the panel: c answered with the model's class, a with another.
      ws()->setCurrentItem(proj_.c);
      QTRY_VERIFY_WITH_TIMEOUT(shadow()->suggestionsVisible(), 10000);
      QTest::keyClick(canvas(), Qt::Key_Y);
      {
        // A labeling history written by another session: the trend over 30 dog and 12 cat items.
        auto other = storage::Project::open(proj_.path.toStdString());
        for (int i = 0; i < 42; ++i) {
          storage::NewItem it;
          it.name = "history_" + std::to_string(i) + ".png";
          it.width = 200;
          it.height = 150;
          const Id id = other.items().add(it);
          const bool dog = i < 30;
          storage::PrelabelProposal prop;
          prop.itemId = id;
          prop.labelerId = proj_.alice;
          prop.model = "net";
          prop.className = dog ? "dog" : "cat";
          prop.score = 0.8;
          other.proposals().add({prop});
          // dog: 5, 7 then 9 of each 10 agree; cat: 6 of 10, then 2 of 2.
          const int k = dog ? i % 10 : (i - 30) % 10;
          const int agreeing = dog ? 5 + 2 * (i / 10) : (i < 40 ? 6 : 10);
          const Id given = k < agreeing ? (dog ? proj_.dog : proj_.cat) : proj_.bird;
          other.annotations().add({.itemId = id, .labelerId = proj_.alice, .classId = given,
                                   .kind = AnnotationKind::ImageLabel});
        }
      }
      ws()->reloadFromFile();
      ws()->setCurrentItem(proj_.b);
      QDockWidget* dock = win_->projectDocks()->shadowDock();
      dock->show();
      dock->raise();
      panel->refresh();
      QTest::qWait(100);
      QVERIFY(win_->grab().save(shot));
      QString panelShot = shot;
      QVERIFY(panel->grab().save(panelShot.replace(QLatin1String(".png"), QLatin1String("_panel.png"))));
    }
  }

  void toggleRemembered() {
    shadow()->setEnabled(true);
    win_.reset();
    win_ = test::openInMainWindow(proj_.path, "alice", QSize(1200, 800));
    QVERIFY(win_);
    QVERIFY(shadow()->enabled());
  }
};

QTEST_MAIN(TestShadowMode)
#include "test_shadow_mode.moc"
