#include "widgets/review/review_canvas.h"

#include <QPainter>

#include <algorithm>

namespace loupe::widgets {

ReviewCanvas::ReviewCanvas(QWidget* parent) : QWidget(parent) { setMinimumSize(160, 120); }

void ReviewCanvas::setItem(QImage image, QSize itemSize, std::vector<LabelerAnswer> answers) {
  image_ = std::move(image);
  itemSize_ = itemSize.isValid() && !itemSize.isEmpty() ? itemSize : image_.size();
  answers_ = std::move(answers);
  update();
}

void ReviewCanvas::setLayout(Layout layout) {
  layout_ = layout;
  update();
}

void ReviewCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().window());
  std::vector<const LabelerAnswer*> all;
  for (const auto& a : answers_) all.push_back(&a);
  if (layout_ == Layout::Overlay || answers_.empty()) {
    paintPanel(p, rect(), all);
    return;
  }
  const double w = double(width()) / double(answers_.size());
  for (std::size_t i = 0; i < answers_.size(); ++i)
    paintPanel(p, QRectF(w * double(i), 0, w, height()), {all[i]});
}

void ReviewCanvas::paintPanel(QPainter& p, const QRectF& area, const std::vector<const LabelerAnswer*>& shown) {
  const double captionH = 18.0 * double(std::max<std::size_t>(1, shown.size()));
  const QRectF space = area.adjusted(4, 4, -4, -4 - captionH);
  QSizeF size = itemSize_.isEmpty() ? QSizeF(4, 3) : QSizeF(itemSize_);
  size.scale(space.size(), Qt::KeepAspectRatio);
  const QRectF target(space.center() - QPointF(size.width() / 2, size.height() / 2), size);
  if (!image_.isNull())
    p.drawImage(target, image_);
  else
    p.fillRect(target, palette().mid());  // no image: a theme-coloured stand-in
  const double sx = itemSize_.isEmpty() ? 1 : target.width() / itemSize_.width();
  const double sy = itemSize_.isEmpty() ? 1 : target.height() / itemSize_.height();
  double captionY = target.bottom() + 4;
  for (const auto* a : shown) {
    p.setPen(QPen(a->color, 2, a->style));
    for (const auto& [cls, b] : a->boxes) {
      const QRectF r(target.left() + b.x * sx, target.top() + b.y * sy, b.w * sx, b.h * sy);
      p.drawRect(r);
      p.drawText(r.topLeft() + QPointF(2, 12), cls);
    }
    QString caption = a->labeler;
    if (!a->imageLabel.isEmpty()) caption += QStringLiteral(": ") + a->imageLabel;
    else caption += tr(": %n box(es)", nullptr, static_cast<int>(a->boxes.size()));
    p.drawText(QRectF(area.left() + 4, captionY, area.width() - 8, 16), Qt::AlignLeft | Qt::AlignVCenter, caption);
    captionY += 18;
  }
}

}  // namespace loupe::widgets
