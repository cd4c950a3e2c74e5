#include "widgets/canvas/box_layer.h"

#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <map>

namespace loupe::widgets {

namespace {
constexpr int kMaxLabelledBoxes = 300;  // beyond this, text would clutter and cost frames
constexpr double kHandlePx = 7.0;

QRgb colorKey(const QColor& c) { return c.rgba(); }
}  // namespace

BoxLayer::BoxLayer(Style style, QGraphicsItem* parent) : QGraphicsItem(parent), style_(style) {
  setFlag(ItemUsesExtendedStyleOption);
  // Boxes are interacted with through the view (which uses the index), not through Qt's
  // item-level event delivery.
  setAcceptedMouseButtons(Qt::NoButton);
  setAcceptHoverEvents(false);
  // Panning then blits the cached layer instead of repainting every visible box; edits
  // invalidate only their own area of the cache.
  setCacheMode(DeviceCoordinateCache);
}

void BoxLayer::setBounds(const QRectF& imageRect) {
  prepareGeometryChange();
  bounds_ = imageRect;
}

void BoxLayer::setBoxes(const std::vector<CanvasBox>& boxes) {
  boxes_ = boxes;
  slot_.clear();
  slot_.reserve(static_cast<qsizetype>(boxes_.size()));
  std::vector<std::pair<Id, QRectF>> entries;
  entries.reserve(boxes_.size());
  for (std::size_t i = 0; i < boxes_.size(); ++i) {
    slot_.insert(boxes_[i].id, static_cast<int>(i));
    entries.emplace_back(boxes_[i].id, boxes_[i].rect);
  }
  index_.assign(entries);
  selection_.clear();
  hidden_.clear();
  locked_.clear();
  handlesFor_ = 0;
  update();
}

void BoxLayer::upsert(const CanvasBox& box) {
  const auto it = slot_.constFind(box.id);
  if (it == slot_.constEnd()) {
    slot_.insert(box.id, static_cast<int>(boxes_.size()));
    boxes_.push_back(box);
    index_.insert(box.id, box.rect);
    updateArea(box.rect);
    return;
  }
  CanvasBox& old = boxes_[static_cast<std::size_t>(*it)];
  updateArea(old.rect);
  if (old.rect != box.rect) {
    index_.remove(old.id, old.rect);
    index_.insert(box.id, box.rect);
  }
  old = box;
  updateArea(box.rect);
}

void BoxLayer::remove(Id id) {
  const auto it = slot_.constFind(id);
  if (it == slot_.constEnd()) return;
  const auto pos = static_cast<std::size_t>(*it);
  updateArea(boxes_[pos].rect);
  index_.remove(id, boxes_[pos].rect);
  // Keep insertion order (Tab cycling) by erasing in place; renumber the slots after it.
  boxes_.erase(boxes_.begin() + static_cast<std::ptrdiff_t>(pos));
  slot_.remove(id);
  for (std::size_t i = pos; i < boxes_.size(); ++i) slot_[boxes_[i].id] = static_cast<int>(i);
  selection_.remove(id);
  hidden_.remove(id);
  locked_.remove(id);
  if (handlesFor_ == id) handlesFor_ = 0;
}

void BoxLayer::clearBoxes() { setBoxes({}); }

const CanvasBox* BoxLayer::box(Id id) const {
  const auto it = slot_.constFind(id);
  return it == slot_.constEnd() ? nullptr : &boxes_[static_cast<std::size_t>(*it)];
}

std::vector<Id> BoxLayer::ids() const {
  std::vector<Id> out;
  out.reserve(boxes_.size());
  for (const auto& b : boxes_) out.push_back(b.id);
  return out;
}

std::vector<Id> BoxLayer::boxesAt(const QPointF& p) const {
  std::vector<Id> hits = index_.containing(p);
  std::erase_if(hits, [&](Id id) { return !isShown(id); });
  std::sort(hits.begin(), hits.end(), [&](Id a, Id b) {
    const QRectF& ra = box(a)->rect;
    const QRectF& rb = box(b)->rect;
    const double aa = ra.width() * ra.height(), ab = rb.width() * rb.height();
    return aa != ab ? aa < ab : a < b;
  });
  return hits;
}

std::vector<Id> BoxLayer::boxesIn(const QRectF& area) const {
  std::vector<Id> hits = index_.intersecting(area);
  std::erase_if(hits, [&](Id id) { return !isShown(id); });
  return hits;
}

void BoxLayer::setSelection(const QSet<Id>& ids) {
  for (Id id : selection_ + ids)
    if (const auto* b = box(id)) updateArea(b->rect);
  selection_ = ids;
}

void BoxLayer::setHidden(const QSet<Id>& ids) {
  hidden_ = ids;
  update();
}

void BoxLayer::setClassFilter(const QSet<Id>& classes) {
  classFilter_ = classes;
  update();
}

void BoxLayer::setLabelsVisible(bool on) {
  labels_ = on;
  update();
}

bool BoxLayer::isShown(Id id) const {
  if (hidden_.contains(id)) return false;
  if (classFilter_.isEmpty()) return true;
  const CanvasBox* b = box(id);
  return b && classFilter_.contains(b->classId);
}

void BoxLayer::setLocked(const QSet<Id>& ids) {
  locked_ = ids;
  update();
}

void BoxLayer::setHandlesFor(Id id) {
  if (const auto* b = box(handlesFor_)) updateArea(b->rect);
  handlesFor_ = id;
  if (const auto* b = box(id)) updateArea(b->rect);
}

QRectF BoxLayer::boundingRect() const {
  // Labels and handles of boxes at the image border stick out of the image by a few screen pixels.
  const double m = std::max(bounds_.width(), bounds_.height());
  return bounds_.adjusted(-m, -m, m, m);
}

void BoxLayer::updateArea(const QRectF& r) {
  // Handles and labels stick out of the box by a fixed number of screen pixels.
  double scale = 1.0;
  if (scene() && !scene()->views().isEmpty()) scale = scene()->views().first()->transform().m11();
  const double px = 1.0 / std::max(scale, 1e-6);
  const QRectF tag(r.left(), r.top() - 24 * px, 220 * px, 24 * px);  // class-name tag
  update(r.adjusted(-8 * px, -8 * px, 8 * px, 8 * px).united(tag));
}

std::vector<QRectF> BoxLayer::handleRects(const QRectF& r, double scale) {
  // At most a third of the box's side: the handles of a small box leave its middle free.
  const double s = std::min(kHandlePx / std::max(scale, 1e-6), std::min(r.width(), r.height()) / 3.0);
  const double cx = r.center().x(), cy = r.center().y();
  const QPointF pts[] = {r.topLeft(), {cx, r.top()},    r.topRight(), {r.right(), cy},
                         r.bottomRight(), {cx, r.bottom()}, r.bottomLeft(), {r.left(), cy}};
  std::vector<QRectF> out;
  out.reserve(8);
  for (const auto& p : pts) out.emplace_back(p.x() - s / 2, p.y() - s / 2, s, s);
  return out;
}

void BoxLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  const QRectF exposed = option->exposedRect.isValid() ? option->exposedRect : bounds_;
  const std::vector<Id> visible = index_.intersecting(exposed);
  const double scale = painter->worldTransform().m11();

  // Batch by colour: one drawRects call per class instead of one state change per box.
  std::map<QRgb, QVector<QRectF>> byColor;
  std::map<QRgb, QColor> colors;
  std::vector<const CanvasBox*> selected;
  std::vector<const CanvasBox*> lockedBoxes;
  for (Id id : visible) {
    if (!isShown(id)) continue;
    const CanvasBox* b = box(id);
    if (selection_.contains(id)) {
      selected.push_back(b);
      continue;
    }
    if (locked_.contains(id)) lockedBoxes.push_back(b);
    byColor[colorKey(b->color)].push_back(b->rect);
    colors.emplace(colorKey(b->color), b->color);
  }

  painter->setBrush(Qt::NoBrush);
  for (const auto& [key, rects] : byColor) {
    // Width 0 = one-pixel cosmetic pen, the raster engine's fast path for thousands of boxes.
    QPen pen(colors[key], 0);
    pen.setCosmetic(true);
    if (style_ == Style::Overlay) pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    painter->drawRects(rects.constData(), static_cast<int>(rects.size()));
  }
  for (const CanvasBox* b : lockedBoxes) {
    // A dotted inner outline marks a box that cannot be moved or resized.
    QPen pen(QColor(255, 255, 255, 160), 1.0, Qt::DotLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    const double inset = 2.0 / std::max(scale, 1e-6);
    painter->drawRect(b->rect.adjusted(inset, inset, -inset, -inset));
  }
  for (const CanvasBox* b : selected) {
    QColor fill = b->color;
    fill.setAlpha(60);
    QPen pen(b->color.lighter(130), 3.0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->setBrush(fill);
    painter->drawRect(b->rect);
    painter->setBrush(Qt::NoBrush);
  }

  const bool labelAll = static_cast<int>(visible.size()) <= kMaxLabelledBoxes;
  if (style_ == Style::Editable && labels_ && (labelAll || !selected.empty())) {
    // Text in device pixels so it keeps its size at any zoom.
    painter->save();
    const QTransform t = painter->worldTransform();
    painter->resetTransform();
    QFont f = painter->font();
    f.setPixelSize(11);
    painter->setFont(f);
    const QFontMetrics fm(f);
    const double imageTop = t.map(bounds_.topLeft()).y();
    auto drawLabel = [&](const CanvasBox* b) {
      if (b->label.isEmpty()) return;
      const QRectF r = t.mapRect(b->rect);
      QRectF tag(r.left(), r.top() - fm.height() - 2, fm.horizontalAdvance(b->label) + 8, fm.height() + 2);
      // Above the image the view may end (fit to window leaves a thin margin, a scrolled view
      // none): a box at the top edge gets its tag just inside its top edge instead.
      if (tag.top() < imageTop) tag.moveTop(r.top());
      painter->fillRect(tag, b->color);
      painter->setPen(b->color.lightness() > 150 ? Qt::black : Qt::white);
      painter->drawText(tag, Qt::AlignCenter, b->label);
    };
    if (labelAll) {
      for (Id id : visible)
        if (isShown(id)) drawLabel(box(id));
    } else {
      for (const CanvasBox* b : selected) drawLabel(b);
    }
    painter->restore();
  }

  if (const CanvasBox* h = box(handlesFor_); h && isShown(handlesFor_) &&
                                             !locked_.contains(handlesFor_)) {
    painter->setPen(QPen(Qt::black, 0));
    painter->setBrush(Qt::white);
    for (const QRectF& r : handleRects(h->rect, scale)) painter->drawRect(r);
  }
}

}  // namespace loupe::widgets
