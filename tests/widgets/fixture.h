#pragma once
// Small real project files for the GUI tests.

#include <QColor>
#include <QImage>
#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/domain/types.h"
#include "storage/project.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/main_window/main_window.h"

namespace loupe::test {

// PNG bytes of `image`.
std::vector<std::uint8_t> pngBytes(const QImage& image);
// A 200x150 picture (gradient + a few shapes) so screenshots and thumbnails show something.
QImage samplePicture(int seed, QSize size = QSize(200, 150));

// Project with classes cat, dog, bird; labelers alice (human) and bob (human); items a.png, b.png,
// c.png (200x150, media inline); bob has one box (10,10,50,40 dog) on a.png.
struct SmallProject {
  QString path;
  Id cat = 0, dog = 0, bird = 0;
  Id alice = 0, bob = 0;
  Id a = 0, b = 0, c = 0;
  Id bobBox = 0;
};
SmallProject makeSmallProject(const QString& path);

// The demo project (Fashion-MNIST image labels by a reference and three simulated people), made
// small (120 train, 30 test images) as demo.loupe in `dir`; returns its path.
QString makeSmallDemo(const QTemporaryDir& dir);

// What every GUI test's initTestCase does: Qt's test-mode paths, so a user's settings and saved
// layout never leak in. False when `dir`, the test's scratch folder, is unusable.
bool enterGuiTestMode(const QTemporaryDir& dir);

// A new SmallProject in `dir` named `prefix` + a running number, so each test function gets its
// own file; the settings are cleared first, as each test's init() starts.
SmallProject freshSmallProject(const QTemporaryDir& dir, const QString& prefix);

// A main window shown and exposed on the (offscreen) screen, no project open yet; resized to
// `size` when one is given. Null if the platform never exposed it.
std::unique_ptr<widgets::MainWindow> showMainWindow(QSize size = {});
// showMainWindow with `path` opened as `labeler`; null (with a warning) when either step failed.
std::unique_ptr<widgets::MainWindow> openInMainWindow(const QString& path, const QString& labeler, QSize size = {});

// What a main-window test holds: a temporary folder, the small project in it and the window
// open on it, with the canvas at hand. Each test class derives from it (and adds Q_OBJECT).
class MainWindowTest : public QObject {
 protected:
  QTemporaryDir dir_;
  SmallProject proj_;
  std::unique_ptr<widgets::MainWindow> win_;

  widgets::CanvasView* canvas() { return win_->canvas(); }
  QWidget* viewport() { return canvas()->viewport(); }
};

}  // namespace loupe::test
