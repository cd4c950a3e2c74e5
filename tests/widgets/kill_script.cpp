// A scripted labeling session for the kill test (test_widgets_kill): the real main window on a
// real project, driven by QTest mouse and key events that draw, move/resize and relabel alice's
// boxes as fast as the window allows, until the driver SIGKILLs it.
//
// Usage: loupe_kill_script PROJECT SEED
// Protocol on stdout, one line per event, written with one write(2) each (so a kill never leaves
// half a line) and with steady_clock milliseconds (CLOCK_MONOTONIC, comparable across processes):
//   ready T
//   begin N ID           edit N is about to run on box ID (0: a new box)
//   visible N T ID X Y W H CLASS   edit N is committed and on screen since T: box ID as shown
//   noop N               edit N changed nothing (e.g. the box was already of that class)
#include <QApplication>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "tests/widgets/canvas_input.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

using namespace loupe;
using namespace loupe::widgets;

namespace {

long long nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void say(const std::string& line) {
  const std::string out = line + "\n";
  if (::write(STDOUT_FILENO, out.data(), out.size()) < 0) std::_Exit(3);
}

constexpr int kMaxBoxesPerItem = 30;

class Script {
 public:
  Script(MainWindow& win, unsigned seed) : win_(win), rng_(seed) {}

  void step() {
    CanvasView* view = win_.canvas();
    Workspace* ws = win_.workspace();
    // Now and then go to another item, so edits spread over several.
    if (pick(0, 19) == 0) win_.step(pick(0, 1) ? 1 : -1);
    const auto ids = view->boxes()->ids();
    const int action = ids.size() < 3 ? 0 : ids.size() >= kMaxBoxesPerItem ? pick(1, 2) : pick(0, 2);
    const int n = ++edits_;
    const int before = ws->undoStack()->index();
    Id target = 0;
    if (action == 0) {
      say("begin " + std::to_string(n) + " 0");
      view->clearSelection();
      const double x = pick(0, 140), y = pick(0, 100);
      // Ctrl: a new box even where the drag starts inside another one.
      loupe::test::dragOnCanvas(win_.canvas(), {x, y}, {x + pick(8, 55), y + pick(8, 45)}, 3, Qt::ControlModifier);
      if (view->selectedIds().size() == 1) target = view->selectedIds().front();
    } else {
      const CanvasBox* b = view->boxes()->box(ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))]);
      const QPointF c = b->rect.center();
      // A click picks the smallest box under the point: that one is edited.
      QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(c));
      if (view->selectedIds().size() != 1) {
        say("noop " + std::to_string(n));
        return;
      }
      target = view->selectedIds().front();
      say("begin " + std::to_string(n) + " " + std::to_string(target));
      if (action == 1) drag(c, c + QPointF(pick(-20, 20), pick(-15, 15)));
      else QTest::keyClick(view, static_cast<Qt::Key>(Qt::Key_1 + pick(0, 2)));
    }
    QCoreApplication::processEvents();  // painted: the edit is on screen
    const CanvasBox* shown = target ? view->boxes()->box(target) : nullptr;
    if (ws->undoStack()->index() == before || !shown) {
      say("noop " + std::to_string(n));
      return;
    }
    const QRectF r = shown->rect;
    char line[256];
    std::snprintf(line, sizeof line, "visible %d %lld %lld %.17g %.17g %.17g %.17g %lld", n, nowMs(),
                  static_cast<long long>(target), r.x(), r.y(), r.width(), r.height(),
                  static_cast<long long>(shown->classId));
    say(line);
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  void drag(QPointF from, QPointF to) { loupe::test::dragOnCanvas(win_.canvas(), from, to, 3); }

  MainWindow& win_;
  std::mt19937 rng_;
  int edits_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc != 3) {
    std::fprintf(stderr, "usage: loupe_kill_script PROJECT SEED\n");
    return 2;
  }
  QStandardPaths::setTestModeEnabled(true);  // leave the user's settings alone
  MainWindow win;
  win.resize(1200, 800);
  win.show();
  if (!QTest::qWaitForWindowExposed(&win) || !win.openProject(QString::fromLocal8Bit(argv[1]), "alice")) return 1;
  win.goToRow(0);
  Script script(win, static_cast<unsigned>(std::stoul(argv[2])));
  say("ready " + std::to_string(nowMs()));
  QTimer timer;
  timer.setInterval(0);
  QObject::connect(&timer, &QTimer::timeout, [&script] { script.step(); });
  timer.start();
  return app.exec();
}
