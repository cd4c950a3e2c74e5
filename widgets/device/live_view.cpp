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
  update();
}

void LiveView::setOverlay(const QStringList& lines) {
  overlay_ = lines;
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
  if (overlay_.isEmpty()) return;
  const QFontMetrics fm(font());
  int w = 0;
  for (const QString& line : overlay_) w = std::max(w, fm.horizontalAdvance(line));
  const QRect box(target.topLeft().toPoint() + QPoint(6, 6), QSize(w + 12, fm.height() * overlay_.size() + 8));
  p.fillRect(box, QColor(0, 0, 0, 160));
  p.setPen(Qt::white);
  for (int i = 0; i < overlay_.size(); ++i)
    p.drawText(box.left() + 6, box.top() + 4 + fm.ascent() + i * fm.height(), overlay_[i]);
}

}  // namespace loupe::widgets
