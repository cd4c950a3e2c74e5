#include "widgets/shadow/suggestion_layer.h"

#include <QFontMetricsF>
#include <QPainter>

namespace loupe::widgets {

namespace {
QString caption(const storage::PrelabelProposal& p) {
  return QStringLiteral("%1 %2%").arg(QString::fromStdString(p.className)).arg(qRound(p.score * 100));
}

// A caption box with the text in white on the model colour.
void drawTag(QPainter* painter, const QPointF& bottomLeft, const QString& text) {
  const QFontMetricsF fm(painter->font());
  const QRectF r(bottomLeft.x(), bottomLeft.y() - fm.height() - 2, fm.horizontalAdvance(text) + 8, fm.height() + 2);
  painter->fillRect(r, SuggestionLayer::modelColor());
  painter->setPen(Qt::white);
  painter->drawText(r, Qt::AlignCenter, text);
}
}  // namespace

QColor SuggestionLayer::modelColor() { return QColor(0xd0, 0x3f, 0xe6); }

SuggestionLayer::SuggestionLayer() {
  setZValue(50);  // over every box layer
  setAcceptedMouseButtons(Qt::NoButton);
}

void SuggestionLayer::setSuggestions(const std::vector<storage::PrelabelProposal>& proposals, const QRectF& image) {
  prepareGeometryChange();
  proposals_ = proposals;
  image_ = image;
  update();
}

void SuggestionLayer::clear() { setSuggestions({}, image_); }

QRectF SuggestionLayer::boundingRect() const {
  // Captions are drawn at screen size, so they may reach past the image when zoomed out.
  const double margin = std::max(image_.width(), image_.height()) + 200;
  return image_.adjusted(-margin, -margin, margin, margin);
}

void SuggestionLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
  if (proposals_.empty()) return;
  painter->save();
  const QTransform toDevice = painter->worldTransform();
  painter->resetTransform();  // text and pens at screen size
  painter->setRenderHint(QPainter::Antialiasing, false);
  QFont f = painter->font();
  f.setBold(true);
  painter->setFont(f);
  QStringList labels;
  for (const auto& p : proposals_) {
    if (!p.box) {
      labels << caption(p);
      continue;
    }
    const QRectF r = toDevice.mapRect(QRectF(p.box->x, p.box->y, p.box->w, p.box->h));
    QPen pen(modelColor(), 2, Qt::DashLine);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(r);
    drawTag(painter, r.topLeft() + QPointF(0, r.top() > 20 ? 0 : r.height()), caption(p));
  }
  if (!labels.isEmpty()) {
    const QRectF img = toDevice.mapRect(image_);
    drawTag(painter, img.topLeft() + QPointF(6, 6 + QFontMetricsF(painter->font()).height() + 2),
            QObject::tr("Suggested: %1 (Y accepts)").arg(labels.join(", ")));
  }
  painter->restore();
}

}  // namespace loupe::widgets
