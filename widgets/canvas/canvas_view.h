#pragma once
// The image canvas: zoom (wheel, fit, 1:1), pan (space+drag or middle button), crosshair,
// always-on draw mode (drag anywhere, even over other boxes, draws a new box; a click selects),
// move/resize with handles, arrow nudge, delete, Tab cycling through stacked boxes.
// The view edits nothing itself: it reports what the user did through signals and shows what
// it is given, so every change goes through an undoable command and storage.

#include <QGraphicsView>
#include <QImage>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QRectF>

#include <vector>

#include "core/domain/types.h"
#include "widgets/canvas/box_layer.h"

class QGraphicsPixmapItem;

namespace loupe::widgets {

struct BoxEdit {
  Id id = 0;
  QRectF before;
  QRectF after;
};

class CanvasView : public QGraphicsView {
  Q_OBJECT

 public:
  explicit CanvasView(QWidget* parent = nullptr);

  // `size` is the item's width/height in pixels; the image is scaled to it if it differs.
  void setImage(const QImage& image, QSize size);
  QRectF imageRect() const { return imageRect_; }

  BoxLayer* boxes() { return own_; }
  // Read-only layer for another labeler's boxes, created on first use.
  BoxLayer* overlay(Id labelerId);
  void clearOverlays();
  void setOverlayVisible(Id labelerId, bool visible);

  QList<Id> selectedIds() const;
  Id primarySelection() const { return primary_; }
  // `grabbable` false (a box selected because it was just drawn): the next click there selects
  // the smallest box under the cursor instead of cycling past the selected one. Drags inside
  // any editable box move it either way; Ctrl+drag draws a nested box.
  void setSelectedIds(const QList<Id>& ids, bool grabbable = true);
  void clearSelection() { setSelectedIds({}); }
  bool selectionGrabbable() const { return grabbable_; }
  // A drag (draw, move, resize, pan) is under way: boxes must not be replaced under the mouse.
  bool interacting() const { return drag_ != Drag::None; }

  void setDrawColor(const QColor& c) { drawColor_ = c; }
  void setCrosshairVisible(bool on);
  bool crosshairVisible() const { return crosshair_; }
  // Boxes cannot be drawn (classification items, or a labeler without boxes to edit).
  void setDrawingEnabled(bool on) { drawing_ = on; }

  // View state only: show boxes of these classes (empty: all), box captions on or off. Applies
  // to the labeler's boxes and every overlay.
  void setClassFilter(const QSet<Id>& classes);
  const QSet<Id>& classFilter() const { return classFilter_; }
  void setBoxLabelsVisible(bool on);
  bool boxLabelsVisible() const { return labels_; }

  void fitToWindow();
  void actualSize();
  double zoom() const { return transform().m11(); }

 signals:
  void boxDrawn(const QRectF& rect);
  // `nudge`: from the arrow keys (consecutive nudges merge into one undo step).
  void boxesEdited(const std::vector<loupe::widgets::BoxEdit>& edits, bool nudge);
  void deleteRequested(const QList<loupe::Id>& ids);
  void digitPressed(int digit);  // 1..9
  void navigateRequested(int step);
  void selectionChanged(const QList<loupe::Id>& ids);
  void cursorMoved(const QPointF& imagePos);
  void zoomChanged(double zoom);

 protected:
  bool event(QEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void mouseMoveEvent(QMouseEvent* e) override;
  void mouseReleaseEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void keyPressEvent(QKeyEvent* e) override;
  void keyReleaseEvent(QKeyEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  void leaveEvent(QEvent* e) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;
  void changeEvent(QEvent* e) override;

 private:
  enum class Drag { None, Pan, Pending, Draw, Move, Resize };

  QRectF clampInside(QRectF r) const;
  QRectF snapped(const QRectF& r) const;
  QRectF moved(const QRectF& r, QPointF delta) const;
  int handleAt(const QPointF& scenePos) const;
  void selectAt(const QPointF& scenePos, bool toggle);
  void cycleSelection(int step);
  void nudge(QPointF delta);
  void setZoom(double z);
  void updateCrosshair(const QPoint& viewPos);
  void updateSceneArea(const QRectF& sceneRect);
  bool editable(Id id) const;
  Id movableAt(const QPointF& scenePos) const;

  QGraphicsScene* scene_;
  QGraphicsPixmapItem* pixmap_;
  BoxLayer* own_;
  QMap<Id, BoxLayer*> overlays_;
  QRectF imageRect_;

  QSet<Id> selection_;
  Id primary_ = 0;
  bool grabbable_ = true;

  Drag drag_ = Drag::None;
  Qt::MouseButton dragButton_ = Qt::NoButton;
  QPoint pressView_;
  QPointF pressScene_;
  Qt::KeyboardModifiers pressMods_;
  QPoint lastView_;
  QRectF dragBefore_;
  QRectF dragNow_;
  int handle_ = -1;
  bool spaceHeld_ = false;
  bool fitMode_ = true;
  bool crosshair_ = true;
  bool drawing_ = true;
  QColor drawColor_ = QColor("#ffb000");
  QSet<Id> classFilter_;
  bool labels_ = true;
  QPoint cursorView_{-1, -1};
  QPointF lastScene_;
};

}  // namespace loupe::widgets
