#include "widgets/device/live_view.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace loupe::widgets {

LiveView::LiveView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(96, 96);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  // Clicking the view gives the panel's capture keys focus.
  setFocusPolicy(Qt::ClickFocus);
}

void LiveView::setFrame(const QImage& frame) {
  frame_ = frame;
  update();
}

void LiveView::clear() {
  frame_ = {};
  overlay_.clear();
  boxes_.clear();
  update();
}

void LiveView::setOverlay(const QStringList& lines) {
  overlay_ = lines;
  update();
}

void LiveView::setDetections(std::vector<FrameDetection> boxes) {
  boxes_ = std::move(boxes);
  update();
}

void LiveView::mousePressEvent(QMouseEvent* e) {
  setFocus(Qt::MouseFocusReason);
  QWidget::mousePressEvent(e);
}

void LiveView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().dark());  // the theme's, around the frame
  if (frame_.isNull()) {
    p.setPen(palette().color(QPalette::BrightText));
    p.drawText(rect(), Qt::AlignCenter, tr("No frames: connect to a board"));
    return;
  }
  // Largest whole-number zoom that fits, else fractional: nearest neighbour either way.
  const QSizeF fit = QSizeF(frame_.size()).scaled(QSizeF(size()), Qt::KeepAspectRatio);
  const double zoom = fit.width() / frame_.width();
  const double whole = zoom >= 1 ? std::floor(zoom) : zoom;
  const QSizeF shown(frame_.width() * whole, frame_.height() * whole);
  const QRectF target(QPointF((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
  p.setRenderHint(QPainter::SmoothPixmapTransform, false);
  p.drawImage(target, frame_);
  const QFontMetrics fm(font());
  // Boxes in a colour that shows on gray frames, centroid as a cross, label above the box.
  const QColor boxColour(255, 196, 0);
  for (const FrameDetection& d : boxes_) {
    const QRectF r(target.left() + d.box.x * whole, target.top() + d.box.y * whole, d.box.w * whole, d.box.h * whole);
    p.setPen(QPen(boxColour, 2));
    p.drawRect(r);
    const QPointF c(target.left() + d.cx * whole, target.top() + d.cy * whole);
    p.drawLine(c - QPointF(4, 0), c + QPointF(4, 0));
    p.drawLine(c - QPointF(0, 4), c + QPointF(0, 4));
    const QString text = QStringLiteral("%1 %2").arg(QString::fromStdString(d.label)).arg(d.score, 0, 'f', 2);
    const QRectF tag(r.left(), std::max(target.top(), r.top() - fm.height()), fm.horizontalAdvance(text) + 6, fm.height());
    p.fillRect(tag, boxColour);
    p.setPen(Qt::black);
    p.drawText(tag, Qt::AlignCenter, text);
  }
  if (overlay_.isEmpty()) return;
  int w = 0;
  for (const QString& line : overlay_) w = std::max(w, fm.horizontalAdvance(line));
  const QRect box(target.topLeft().toPoint() + QPoint(6, 6), QSize(w + 12, fm.height() * overlay_.size() + 8));
  p.fillRect(box, QColor(0, 0, 0, 160));
  p.setPen(Qt::white);
  for (int i = 0; i < overlay_.size(); ++i)
    p.drawText(box.left() + 6, box.top() + 4 + fm.ascent() + i * fm.height(), overlay_[i]);
}

}  // namespace loupe::widgets
