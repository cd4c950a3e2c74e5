// Canvas cost at 50 vs 5,000 boxes on one 4096x3072 image: load, repaint while panning and
// zooming, hit-test + select. Prints one line per figure and the 5000/50 ratio.
#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>

#include <cstdio>
#include <functional>
#include <vector>

#include "widgets/canvas/canvas_view.h"

using loupe::widgets::CanvasBox;
using loupe::widgets::CanvasView;

namespace {

constexpr int kW = 4096, kH = 3072;

std::vector<CanvasBox> makeBoxes(int n) {
  QRandomGenerator rng(7);
  const QColor colors[] = {QColor("#e6194b"), QColor("#3cb44b"), QColor("#4363d8"), QColor("#f58231"),
                           QColor("#911eb4")};
  std::vector<CanvasBox> boxes;
  for (int i = 0; i < n; ++i) {
    const double w = 8 + rng.bounded(120), h = 8 + rng.bounded(120);
    const double x = rng.bounded(kW - 130), y = rng.bounded(kH - 130);
    const int c = static_cast<int>(rng.bounded(5));
    boxes.push_back({i + 1, c + 1, QRectF(x, y, w, h), colors[c], QStringLiteral("class %1").arg(c + 1)});
  }
  return boxes;
}

double msPer(int reps, const std::function<void()>& fn) {
  QElapsedTimer t;
  t.start();
  for (int i = 0; i < reps; ++i) fn();
  return t.nsecsElapsed() / 1e6 / reps;
}

struct Figures {
  double load, panFit, panZoomed, zoom, hit, selectFrame;
};

Figures measure(int n, const QImage& image) {
  CanvasView view;
  view.resize(1600, 1000);
  view.show();
  view.setImage(image, image.size());
  QApplication::processEvents();
  const auto boxes = makeBoxes(n);
  Figures f{};
  // Load = hand the boxes to the layer and paint the first frame (fitted: every box visible).
  f.load = msPer(5, [&] {
    view.boxes()->setBoxes(boxes);
    view.viewport()->repaint();
  });
  auto pan = [&](int reps) {
    int dir = 1;
    return msPer(reps, [&] {
      auto* h = view.horizontalScrollBar();
      h->setValue(h->value() + 15 * dir);
      dir = -dir;
      view.viewport()->repaint();
    });
  };
  view.fitToWindow();
  f.panFit = pan(100);
  view.actualSize();
  view.centerOn(kW / 2.0, kH / 2.0);
  f.panZoomed = pan(100);
  double z = 0.25;
  f.zoom = msPer(100, [&] {
    view.setTransform(QTransform::fromScale(z, z));
    z = z > 2 ? 0.25 : z * 1.2;
    view.viewport()->repaint();
  });
  // A click lands on a box (its centre): index query, smallest-first ordering, selection.
  QRandomGenerator rng(11);
  f.hit = 1000.0 * msPer(20000, [&] {
    const QPointF p = boxes[rng.bounded(n)].rect.center();
    const auto hits = view.boxes()->boxesAt(p);
    view.setSelectedIds(hits.empty() ? QList<loupe::Id>{} : QList<loupe::Id>{hits.front()});
  });
  view.actualSize();
  f.selectFrame = msPer(40, [&] {
    const QPointF p = boxes[rng.bounded(n)].rect.center();
    view.centerOn(p);
    const auto hits = view.boxes()->boxesAt(p);
    view.setSelectedIds(hits.empty() ? QList<loupe::Id>{} : QList<loupe::Id>{hits.front()});
    view.viewport()->repaint();
  });
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QImage image(kW, kH, QImage::Format_RGB32);
  QPainter p(&image);
  QLinearGradient g(0, 0, kW, kH);
  g.setColorAt(0, QColor(40, 60, 80));
  g.setColorAt(1, QColor(200, 190, 170));
  p.fillRect(image.rect(), g);
  p.end();

  const Figures small = measure(50, image);
  const Figures large = measure(5000, image);
  auto row = [](const char* name, double a, double b, const char* unit = "ms") {
    std::printf("%-34s %9.3f %s %9.3f %s   ratio %.2f\n", name, a, unit, b, unit, b / a);
  };
  std::printf("canvas (4096x3072 image, 1600x1000 view)   50 boxes   5000 boxes\n");
  row("load + first paint (fitted)", small.load, large.load);
  row("repaint per pan step, fitted", small.panFit, large.panFit);
  row("repaint per pan step, 1:1", small.panZoomed, large.panZoomed);
  row("repaint per zoom step", small.zoom, large.zoom);
  row("hit-test + select per click", small.hit, large.hit, "us");
  row("select + repaint (jump to box)", small.selectFrame, large.selectFrame);
  return 0;
}
