#include "fixture.h"

#include <QBuffer>
#include <QPainter>
#include <QTest>

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
  Annotation a;
  a.itemId = s.a;
  a.labelerId = s.bob;
  a.classId = s.dog;
  a.kind = AnnotationKind::Box;
  a.box = Box{10, 10, 50, 40};
  s.bobBox = p.annotations().add(a).id;
  return s;
}

std::unique_ptr<widgets::MainWindow> showMainWindow(QSize size) {
  auto window = std::make_unique<widgets::MainWindow>();
  if (size.isValid()) window->resize(size);
  window->show();
  if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
  return window;
}

}  // namespace loupe::test
