#include "widgets/training/curve_view.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <functional>

namespace loupe::widgets {
namespace {

using Value = std::function<double(const nn::EpochMetrics&)>;

void drawSeries(QPainter& p, const QRectF& area, const std::vector<nn::EpochMetrics>& curve, const Value& value,
                double top, const QPen& pen) {
  QPainterPath path;
  bool started = false;
  const double span = std::max<double>(1.0, static_cast<double>(curve.size()) - 1.0);
  for (std::size_t i = 0; i < curve.size(); ++i) {
    const double v = value(curve[i]);
    if (!std::isfinite(v)) continue;
    const QPointF at(area.left() + area.width() * static_cast<double>(i) / span,
                     area.bottom() - area.height() * std::clamp(v / top, 0.0, 1.0));
    if (started) path.lineTo(at); else path.moveTo(at), started = true;
    p.setPen(pen);
    p.drawEllipse(at, 1.5, 1.5);
  }
  p.setPen(pen);
  p.drawPath(path);
}

void drawChart(QPainter& p, const QRectF& area, const QString& title, const std::vector<nn::EpochMetrics>& curve,
               const Value& train, const Value& val, double top, const QColor& color, const QPalette& palette) {
  p.setPen(QPen(palette.color(QPalette::Mid)));
  p.drawRect(area);
  p.setPen(palette.color(QPalette::WindowText));
  p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop, title);
  p.drawText(area.adjusted(4, 2, -4, -2), Qt::AlignRight | Qt::AlignTop, QString::number(top, 'g', 3));
  drawSeries(p, area, curve, train, top, QPen(color, 1.5));
  drawSeries(p, area, curve, val, top, QPen(color, 1.5, Qt::DashLine));
}

}  // namespace

CurveView::CurveView(QWidget* parent) : QWidget(parent) { setMinimumSize(200, 120); }

void CurveView::setCurve(std::vector<nn::EpochMetrics> curve) {
  curve_ = std::move(curve);
  update();
}

void CurveView::addEpoch(const nn::EpochMetrics& m) {
  curve_.push_back(m);
  update();
}

void CurveView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF all = rect().adjusted(4, 4, -4, -4);
  const QRectF lossArea(all.left(), all.top(), all.width(), all.height() / 2 - 4);
  const QRectF accArea(all.left(), all.top() + all.height() / 2 + 4, all.width(), all.height() / 2 - 4);
  if (curve_.empty()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(all, Qt::AlignCenter, tr("Loss and accuracy appear here after each epoch"));
    return;
  }
  double maxLoss = 0.0;
  for (const auto& m : curve_) {
    maxLoss = std::max(maxLoss, m.trainLoss);
    if (std::isfinite(m.valLoss)) maxLoss = std::max(maxLoss, m.valLoss);
  }
  drawChart(p, lossArea, tr("loss (train —, val - -)"), curve_, [](const auto& m) { return m.trainLoss; },
            [](const auto& m) { return m.valLoss; }, maxLoss > 0 ? maxLoss : 1.0, QColor(200, 80, 60), palette());
  drawChart(p, accArea, tr("accuracy (train —, val - -)"), curve_, [](const auto& m) { return m.trainAccuracy; },
            [](const auto& m) { return m.valAccuracy; }, 1.0, QColor(60, 120, 200), palette());
}

}  // namespace loupe::widgets
