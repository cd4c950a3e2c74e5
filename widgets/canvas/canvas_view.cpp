#include "widgets/canvas/canvas_view.h"

#include <QGraphicsPixmapItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace loupe::widgets {

namespace {
constexpr int kDragThresholdPx = 3;
constexpr double kMinZoom = 0.01;
constexpr double kMaxZoom = 64.0;

// Handle order from BoxLayer::handleRects: TL, T, TR, R, BR, B, BL, L.
// Which edges each handle moves: left, top, right, bottom.
constexpr bool kMovesEdge[8][4] = {
    {true, true, false, false}, {false, true, false, false}, {false, true, true, false},
    {false, false, true, false}, {false, false, true, true},  {false, false, false, true},
    {true, false, false, true},  {true, false, false, false}};
}  // namespace

CanvasView::CanvasView(QWidget* parent) : QGraphicsView(parent), scene_(new QGraphicsScene(this)) {
  // Items never move by themselves; only the pixmap and one layer per labeler live in the scene,
  // so Qt's own index has nothing to do: the layers carry their own R-trees.
  scene_->setItemIndexMethod(QGraphicsScene::NoIndex);
  setScene(scene_);
  pixmap_ = scene_->addPixmap(QPixmap());
  pixmap_->setTransformationMode(Qt::FastTransformation);  // crisp pixels when zoomed in
  pixmap_->setZValue(-1);
  own_ = new BoxLayer(BoxLayer::Style::Editable);
  own_->setZValue(10);
  scene_->addItem(own_);

  setBackgroundBrush(palette().color(QPalette::Dark));  // follows the theme (changeEvent)
  setFrameShape(QFrame::NoFrame);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setResizeAnchor(QGraphicsView::AnchorViewCenter);
  setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
  setMouseTracking(true);
  viewport()->setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  viewport()->setCursor(Qt::CrossCursor);
}

void CanvasView::setImage(const QImage& image, QSize size) {
  if (!size.isValid() || size.isEmpty()) size = image.size();
  imageRect_ = QRectF(QPointF(0, 0), QSizeF(size));
  QPixmap pm = QPixmap::fromImage(image);
  pixmap_->setPixmap(pm);
  pixmap_->setTransform(QTransform());
  if (!pm.isNull() && pm.size() != size)
    pixmap_->setTransform(QTransform::fromScale(double(size.width()) / pm.width(),
                                                double(size.height()) / pm.height()));
  own_->setBounds(imageRect_);
  for (auto* layer : overlays_) layer->setBounds(imageRect_);
  // Generous margins so the image can be panned to any screen position.
  const double m = std::max(imageRect_.width(), imageRect_.height());
  scene_->setSceneRect(imageRect_.adjusted(-m, -m, m, m));
  selection_.clear();
  primary_ = 0;
  drag_ = Drag::None;
  fitToWindow();
}

BoxLayer* CanvasView::overlay(Id labelerId) {
  auto it = overlays_.find(labelerId);
  if (it != overlays_.end()) return *it;
  auto* layer = new BoxLayer(BoxLayer::Style::Overlay);
  layer->setBounds(imageRect_);
  layer->setZValue(5);  // under the labeler's own boxes
  layer->setClassFilter(classFilter_);
  scene_->addItem(layer);
  overlays_.insert(labelerId, layer);
  return layer;
}

void CanvasView::clearOverlays() {
  for (auto* layer : overlays_) layer->clearBoxes();
}

void CanvasView::setOverlayVisible(Id labelerId, bool visible) { overlay(labelerId)->setVisible(visible); }

void CanvasView::setClassFilter(const QSet<Id>& classes) {
  classFilter_ = classes;
  own_->setClassFilter(classes);
  for (auto* layer : overlays_) layer->setClassFilter(classes);
  // A box filtered out cannot stay selected: Delete would remove what is not on screen.
  QList<Id> keep;
  for (Id id : selectedIds())
    if (own_->isShown(id)) keep.push_back(id);
  if (keep.size() != selection_.size()) setSelectedIds(keep);
}

void CanvasView::setBoxLabelsVisible(bool on) {
  labels_ = on;
  own_->setLabelsVisible(on);
}

void CanvasView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::PaletteChange) setBackgroundBrush(palette().color(QPalette::Dark));
  QGraphicsView::changeEvent(e);
}

QList<Id> CanvasView::selectedIds() const {
  QList<Id> out(selection_.begin(), selection_.end());
  std::sort(out.begin(), out.end());
  return out;
}

void CanvasView::setSelectedIds(const QList<Id>& ids, bool grabbable) {
  grabbable_ = grabbable;
  QSet<Id> next;
  for (Id id : ids)
    if (own_->box(id)) next.insert(id);
  primary_ = ids.isEmpty() || !next.contains(ids.last()) ? 0 : ids.last();
  if (next == selection_ && own_->selection() == next) {
    own_->setHandlesFor(primary_);
    return;
  }
  selection_ = next;
  own_->setSelection(selection_);
  own_->setHandlesFor(primary_);
  emit selectionChanged(selectedIds());
}

void CanvasView::setCrosshairVisible(bool on) {
  crosshair_ = on;
  viewport()->update();
}

void CanvasView::fitToWindow() {
  fitMode_ = true;
  if (imageRect_.isEmpty()) return;
  const QRectF target = imageRect_.adjusted(-imageRect_.width() * 0.02, -imageRect_.height() * 0.02,
                                            imageRect_.width() * 0.02, imageRect_.height() * 0.02);
  fitInView(target, Qt::KeepAspectRatio);
  emit zoomChanged(zoom());
}

void CanvasView::actualSize() {
  fitMode_ = false;
  const QPointF c = mapToScene(viewport()->rect().center());
  setTransform(QTransform());
  centerOn(c);
  emit zoomChanged(zoom());
}

void CanvasView::setZoom(double z) {
  z = std::clamp(z, kMinZoom, kMaxZoom);
  const double f = z / zoom();
  if (std::abs(f - 1.0) < 1e-9) return;
  fitMode_ = false;
  scale(f, f);
  emit zoomChanged(zoom());
}

bool CanvasView::editable(Id id) const { return own_->box(id) && !own_->locked().contains(id); }

QRectF CanvasView::clampInside(QRectF r) const {
  r = r.normalized();
  if (imageRect_.isEmpty()) return r;
  r.setWidth(std::min(r.width(), imageRect_.width()));
  r.setHeight(std::min(r.height(), imageRect_.height()));
  if (r.left() < imageRect_.left()) r.moveLeft(imageRect_.left());
  if (r.top() < imageRect_.top()) r.moveTop(imageRect_.top());
  if (r.right() > imageRect_.right()) r.moveRight(imageRect_.right());
  if (r.bottom() > imageRect_.bottom()) r.moveBottom(imageRect_.bottom());
  return r;
}

QRectF CanvasView::snapped(const QRectF& r) const {
  // Whole image pixels: sub-pixel box edges carry no information and make files noisy.
  const double l = std::round(r.left()), t = std::round(r.top());
  const double rr = std::round(r.right()), b = std::round(r.bottom());
  return QRectF(QPointF(l, t), QPointF(rr, b));
}

QRectF CanvasView::moved(const QRectF& r, QPointF delta) const {
  return clampInside(snapped(r.translated(delta)));
}

int CanvasView::handleAt(const QPointF& scenePos) const {
  if (!primary_ || !editable(primary_)) return -1;
  const QRectF& box = own_->box(primary_)->rect;
  const auto rects = BoxLayer::handleRects(box, zoom());
  // Hit squares never grow past a third of the box's side, so the middle of even a tiny box
  // is left for moving it.
  const double cap = std::min(box.width(), box.height()) / 3.0;
  for (int i = 0; i < static_cast<int>(rects.size()); ++i) {
    const QRectF& r = rects[static_cast<std::size_t>(i)];
    const double slack = std::max(0.0, std::min(3.0 / std::max(zoom(), 1e-6), (cap - r.width()) / 2));
    if (r.adjusted(-slack, -slack, slack, slack).contains(scenePos)) return i;
  }
  return -1;
}

Id CanvasView::movableAt(const QPointF& scenePos) const {
  if (primary_ && editable(primary_) && own_->box(primary_)->rect.contains(scenePos)) return primary_;
  for (Id id : own_->boxesAt(scenePos))
    if (editable(id)) return id;
  return 0;
}

void CanvasView::selectAt(const QPointF& scenePos, bool toggle) {
  const std::vector<Id> hits = own_->boxesAt(scenePos);
  if (hits.empty()) {
    if (!toggle) clearSelection();
    return;
  }
  if (toggle) {
    QList<Id> ids = selectedIds();
    if (ids.contains(hits.front())) ids.removeAll(hits.front());
    else ids.append(hits.front());
    setSelectedIds(ids);
    return;
  }
  // Clicking the selected box again selects the next larger box under the cursor, so stacked
  // boxes are all reachable by clicking.
  auto it = grabbable_ ? std::find(hits.begin(), hits.end(), primary_) : hits.end();
  const Id next = it == hits.end() ? hits.front() : *(std::next(it) == hits.end() ? hits.begin() : std::next(it));
  setSelectedIds({next});
}

void CanvasView::cycleSelection(int step) {
  std::vector<Id> candidates = own_->boxesAt(lastScene_);
  if (candidates.empty()) {
    candidates = own_->ids();
    std::erase_if(candidates, [&](Id id) { return !own_->isShown(id); });
  }
  if (candidates.empty()) return;
  const auto n = static_cast<int>(candidates.size());
  auto it = std::find(candidates.begin(), candidates.end(), primary_);
  int i = it == candidates.end() ? (step > 0 ? -1 : 0) : static_cast<int>(it - candidates.begin());
  i = ((i + step) % n + n) % n;
  setSelectedIds({candidates[static_cast<std::size_t>(i)]});
}

void CanvasView::nudge(QPointF delta) {
  std::vector<BoxEdit> edits;
  for (Id id : selectedIds()) {
    if (!editable(id)) continue;
    const QRectF before = own_->box(id)->rect;
    const QRectF after = clampInside(before.translated(delta));
    if (after != before) edits.push_back({id, before, after});
  }
  if (!edits.empty()) emit boxesEdited(edits, true);
}

void CanvasView::updateSceneArea(const QRectF& sceneRect) {
  const QRect r = mapFromScene(sceneRect).boundingRect().adjusted(-4, -4, 4, 4);
  viewport()->update(r);
}

void CanvasView::updateCrosshair(const QPoint& viewPos) {
  // Repaint only the two thin strips the old and new lines cover.
  const int w = viewport()->width(), h = viewport()->height();
  for (const QPoint& p : {cursorView_, viewPos}) {
    if (p.x() < 0) continue;
    viewport()->update(QRect(0, p.y() - 1, w, 3));
    viewport()->update(QRect(p.x() - 1, 0, 3, h));
  }
  cursorView_ = viewPos;
}

bool CanvasView::event(QEvent* e) {
  // Tab belongs to the canvas (cycle through boxes), not to focus navigation.
  if (e->type() == QEvent::KeyPress) {
    auto* ke = static_cast<QKeyEvent*>(e);
    if (ke->key() == Qt::Key_Tab || ke->key() == Qt::Key_Backtab) {
      cycleSelection(ke->key() == Qt::Key_Backtab || (ke->modifiers() & Qt::ShiftModifier) ? -1 : 1);
      return true;
    }
  }
  return QGraphicsView::event(e);
}

void CanvasView::mousePressEvent(QMouseEvent* e) {
  setFocus(Qt::MouseFocusReason);
  pressView_ = lastView_ = e->position().toPoint();
  pressScene_ = mapToScene(pressView_);
  pressMods_ = e->modifiers();
  dragButton_ = e->button();
  if (e->button() == Qt::MiddleButton || (e->button() == Qt::LeftButton && spaceHeld_)) {
    drag_ = Drag::Pan;
    viewport()->setCursor(Qt::ClosedHandCursor);
    return;
  }
  if (e->button() != Qt::LeftButton) return;
  if (const int h = handleAt(pressScene_); h >= 0) {
    drag_ = Drag::Resize;
    handle_ = h;
    dragBefore_ = dragNow_ = own_->box(primary_)->rect;
    return;
  }
  // Pending until the mouse travels: a click selects, a drag inside an editable box moves it
  // (the selected one first, else the smallest under the cursor), a drag on empty image or
  // with Ctrl held draws a new box.
  drag_ = Drag::Pending;
}

void CanvasView::mouseMoveEvent(QMouseEvent* e) {
  const QPoint pos = e->position().toPoint();
  const QPointF scenePos = mapToScene(pos);
  lastScene_ = scenePos;
  if (crosshair_) updateCrosshair(pos);
  emit cursorMoved(scenePos);

  switch (drag_) {
    case Drag::Pan: {
      const QPoint d = pos - lastView_;
      horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
      verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
      break;
    }
    case Drag::Pending: {
      if ((pos - pressView_).manhattanLength() < kDragThresholdPx) break;
      const Id target = (pressMods_ & Qt::ControlModifier) ? 0 : movableAt(pressScene_);
      if (target) {
        if (target != primary_) setSelectedIds({target});
        drag_ = Drag::Move;
        dragBefore_ = dragNow_ = own_->box(primary_)->rect;
      } else if (drawing_ && !imageRect_.isEmpty()) {
        drag_ = Drag::Draw;
        pressScene_ = QPointF(std::clamp(pressScene_.x(), imageRect_.left(), imageRect_.right()),
                              std::clamp(pressScene_.y(), imageRect_.top(), imageRect_.bottom()));
        dragNow_ = QRectF(pressScene_, pressScene_);
      } else {
        drag_ = Drag::None;
        break;
      }
      [[fallthrough]];
    }
    case Drag::Draw:
    case Drag::Move:
    case Drag::Resize: {
      const QRectF old = dragNow_;
      if (drag_ == Drag::Draw) {
        const QPointF p(std::clamp(scenePos.x(), imageRect_.left(), imageRect_.right()),
                        std::clamp(scenePos.y(), imageRect_.top(), imageRect_.bottom()));
        dragNow_ = snapped(QRectF(pressScene_, p).normalized());
        updateSceneArea(old.united(dragNow_));
      } else if (drag_ == Drag::Move) {
        dragNow_ = moved(dragBefore_, scenePos - pressScene_);
      } else {
        QRectF r = dragBefore_;
        const QPointF d = scenePos - pressScene_;
        const bool* edges = kMovesEdge[handle_];
        if (edges[0]) r.setLeft(r.left() + d.x());
        if (edges[1]) r.setTop(r.top() + d.y());
        if (edges[2]) r.setRight(r.right() + d.x());
        if (edges[3]) r.setBottom(r.bottom() + d.y());
        r = snapped(r.normalized()).intersected(imageRect_);
        if (r.width() >= 1 && r.height() >= 1) dragNow_ = r;
      }
      if (drag_ != Drag::Draw && dragNow_ != old) {
        CanvasBox b = *own_->box(primary_);
        b.rect = dragNow_;
        own_->upsert(b);  // live feedback; the command commits on release
      }
      break;
    }
    case Drag::None:
      break;
  }
  lastView_ = pos;
}

void CanvasView::mouseReleaseEvent(QMouseEvent* e) {
  if (e->button() != dragButton_) return;
  const Drag d = drag_;
  drag_ = Drag::None;
  dragButton_ = Qt::NoButton;
  switch (d) {
    case Drag::Pan:
      viewport()->setCursor(spaceHeld_ ? Qt::OpenHandCursor : Qt::CrossCursor);
      break;
    case Drag::Pending:
      selectAt(pressScene_, e->modifiers() & Qt::ControlModifier);
      break;
    case Drag::Draw:
      updateSceneArea(dragNow_);
      if (dragNow_.width() >= 1 && dragNow_.height() >= 1) emit boxDrawn(dragNow_);
      break;
    case Drag::Move:
    case Drag::Resize:
      if (dragNow_ != dragBefore_) emit boxesEdited({BoxEdit{primary_, dragBefore_, dragNow_}}, false);
      break;
    case Drag::None:
      break;
  }
}

void CanvasView::wheelEvent(QWheelEvent* e) {
  const int delta = e->angleDelta().y();
  if (delta == 0) return;
  // Keep the image point under the cursor where it is, by explicit mapping: Qt's
  // AnchorUnderMouse follows its own mouse-move bookkeeping, which this view's handlers bypass.
  const QPointF pos = e->position();
  const QPointF anchor = mapToScene(pos.toPoint());
  const ViewportAnchor saved = transformationAnchor();
  setTransformationAnchor(QGraphicsView::NoAnchor);
  setZoom(zoom() * std::pow(1.2, delta / 120.0));
  setTransformationAnchor(saved);
  const QPoint off = mapFromScene(anchor) - pos.toPoint();
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() + off.x());
  verticalScrollBar()->setValue(verticalScrollBar()->value() + off.y());
  lastScene_ = mapToScene(pos.toPoint());
  emit cursorMoved(lastScene_);
  e->accept();
}

void CanvasView::keyPressEvent(QKeyEvent* e) {
  const bool shift = e->modifiers() & Qt::ShiftModifier;
  const double step = shift ? 10.0 : 1.0;
  switch (e->key()) {
    case Qt::Key_Space:
      if (!e->isAutoRepeat()) {
        spaceHeld_ = true;
        viewport()->setCursor(Qt::OpenHandCursor);
      }
      return;
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
      if (selection_.isEmpty()) {
        const bool back = e->key() == Qt::Key_Left || e->key() == Qt::Key_Up;
        emit navigateRequested(back ? -1 : 1);
        return;
      }
      const QPointF d = e->key() == Qt::Key_Left    ? QPointF(-step, 0)
                        : e->key() == Qt::Key_Right ? QPointF(step, 0)
                        : e->key() == Qt::Key_Up    ? QPointF(0, -step)
                                                    : QPointF(0, step);
      nudge(d);
      return;
    }
    case Qt::Key_Delete:
    case Qt::Key_Backspace: {
      QList<Id> ids;
      for (Id id : selectedIds())
        if (editable(id)) ids.append(id);
      if (!ids.isEmpty()) emit deleteRequested(ids);
      return;
    }
    case Qt::Key_Escape:
      if (drag_ == Drag::Draw) updateSceneArea(dragNow_);
      if (drag_ == Drag::Move || drag_ == Drag::Resize) {
        CanvasBox b = *own_->box(primary_);
        b.rect = dragBefore_;
        own_->upsert(b);
      }
      if (drag_ != Drag::None) drag_ = Drag::Pending;  // the release then only selects
      else clearSelection();
      return;
    default:
      break;
  }
  if (e->key() >= Qt::Key_1 && e->key() <= Qt::Key_9 && !(e->modifiers() & Qt::ControlModifier)) {
    emit digitPressed(e->key() - Qt::Key_0);
    return;
  }
  QGraphicsView::keyPressEvent(e);
}

void CanvasView::keyReleaseEvent(QKeyEvent* e) {
  if (e->key() == Qt::Key_Space && !e->isAutoRepeat()) {
    spaceHeld_ = false;
    if (drag_ != Drag::Pan) viewport()->setCursor(Qt::CrossCursor);
    return;
  }
  QGraphicsView::keyReleaseEvent(e);
}

void CanvasView::resizeEvent(QResizeEvent* e) {
  QGraphicsView::resizeEvent(e);
  if (fitMode_) fitToWindow();
}

void CanvasView::leaveEvent(QEvent* e) {
  updateCrosshair(QPoint(-1, -1));
  QGraphicsView::leaveEvent(e);
}

void CanvasView::drawForeground(QPainter* painter, const QRectF&) {
  if (drag_ == Drag::Draw) {
    QPen pen(drawColor_, 2.0, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    QColor fill = drawColor_;
    fill.setAlpha(40);
    painter->setBrush(fill);
    painter->drawRect(dragNow_);
  }
  if (crosshair_ && cursorView_.x() >= 0 && drag_ != Drag::Pan && !spaceHeld_) {
    const QPointF c = mapToScene(cursorView_);
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    QPen pen(QColor(255, 255, 255, 110), 1.0, Qt::DashLine);
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(QPointF(visible.left(), c.y()), QPointF(visible.right(), c.y()));
    painter->drawLine(QPointF(c.x(), visible.top()), QPointF(c.x(), visible.bottom()));
  }
}

}  // namespace loupe::widgets
