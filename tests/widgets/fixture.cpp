#include "fixture.h"

#include <QBuffer>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include "storage/demo/demo_project.h"
#include "tests/support/annotation_values.h"

namespace loupe::test {

std::vector<std::uint8_t> pngBytes(const QImage& image) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  image.save(&buffer, "PNG");
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

QImage samplePicture(int seed, QSize size) {
  QImage img(size, QImage::Format_RGB32);
  QPainter p(&img);
  QLinearGradient g(0, 0, size.width(), size.height());
  g.setColorAt(0, QColor::fromHsv((seed * 47) % 360, 90, 120));
  g.setColorAt(1, QColor::fromHsv((seed * 47 + 60) % 360, 60, 220));
  p.fillRect(img.rect(), g);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(255, 255, 255, 140));
  p.drawEllipse(QRectF(size.width() * 0.15, size.height() * 0.2, size.width() * 0.3, size.height() * 0.45));
  p.setBrush(QColor(30, 30, 40, 150));
  p.drawRect(QRectF(size.width() * 0.55, size.height() * 0.35, size.width() * 0.3, size.height() * 0.5));
  return img;
}

SmallProject makeSmallProject(const QString& path) {
  SmallProject s;
  s.path = path;
  auto p = storage::Project::create(path.toStdString());
  s.cat = p.classes().add("cat", "#e6194b").id;
  s.dog = p.classes().add("dog", "#3cb44b").id;
  s.bird = p.classes().add("bird", "#4363d8").id;
  s.alice = p.labelers().add("alice", LabelerKind::Human).id;
  s.bob = p.labelers().add("bob", LabelerKind::Human).id;
  Id* ids[] = {&s.a, &s.b, &s.c};
  const char* names[] = {"a.png", "b.png", "c.png"};
  for (int i = 0; i < 3; ++i) {
    storage::NewItem item;
    item.name = names[i];
    item.width = 200;
    item.height = 150;
    item.split = Split::Train;
    item.media = storage::NewMedia{pngBytes(samplePicture(i)), {}, "png", {}};
    *ids[i] = p.items().add(item);
  }
  s.bobBox = p.annotations().add(boxLabel(s.a, s.bob, s.dog, Box{10, 10, 50, 40})).id;
  return s;
}

std::unique_ptr<widgets::MainWindow> showMainWindow(QSize size) {
  auto window = std::make_unique<widgets::MainWindow>();
  if (size.isValid()) window->resize(size);
  window->show();
  if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
  return window;
}

std::unique_ptr<widgets::MainWindow> openInMainWindow(const QString& path, const QString& labeler, QSize size) {
  auto window = showMainWindow(size);
  if (!window) {
    qWarning("the main window was never exposed");
    return nullptr;
  }
  if (!window->openProject(path, labeler)) {
    qWarning("the main window did not open %s", qPrintable(path));
    return nullptr;
  }
  return window;
}

bool enterGuiTestMode(const QTemporaryDir& dir) {
  QStandardPaths::setTestModeEnabled(true);
  return dir.isValid();
}

QString makeSmallDemo(const QTemporaryDir& dir) {
  const QString path = dir.filePath("demo.loupe");
  storage::DemoOptions options;
  options.trainImages = 120;
  options.testImages = 30;
  storage::buildDemoProject(path.toStdString(), options);
  return path;
}

SmallProject freshSmallProject(const QTemporaryDir& dir, const QString& prefix) {
  QSettings().clear();
  static int n = 0;
  return makeSmallProject(dir.filePath(QStringLiteral("%1%2.loupe").arg(prefix).arg(++n)));
}

}  // namespace loupe::test
