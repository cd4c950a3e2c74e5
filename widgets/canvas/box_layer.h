#pragma once
// One graphics item that paints every box of one labeler on one image. A single item with an
// R-tree instead of one QGraphicsItem per box keeps load, repaint and hit-testing nearly flat
// from 50 to 5,000+ boxes: painting asks the index for the exposed area and batches rectangles
// by colour.

#include <QColor>
#include <QGraphicsItem>
#include <QHash>
#include <QRectF>
#include <QSet>
#include <QString>

#include <vector>

#include "core/domain/types.h"
#include "widgets/canvas/box_index.h"

namespace loupe::widgets {

struct CanvasBox {
  Id id = 0;
  Id classId = 0;
  QRectF rect;  // image pixels
  QColor color;
  QString label;  // class name, drawn when few boxes are on screen
};

class BoxLayer : public QGraphicsItem {
 public:
  enum class Style { Editable, Overlay };

  explicit BoxLayer(Style style, QGraphicsItem* parent = nullptr);

  void setBounds(const QRectF& imageRect);
  void setBoxes(const std::vector<CanvasBox>& boxes);
  void upsert(const CanvasBox& box);
  void remove(Id id);
  void clearBoxes();

  const CanvasBox* box(Id id) const;
  std::vector<Id> ids() const;  // in insertion order (stable Tab cycling)
  int count() const { return static_cast<int>(boxes_.size()); }

  // Visible (not hidden) boxes containing `p`, smallest area first: a click picks the small
  // box lying inside a large one.
  std::vector<Id> boxesAt(const QPointF& p) const;
  std::vector<Id> boxesIn(const QRectF& area) const;

  void setSelection(const QSet<Id>& ids);
  const QSet<Id>& selection() const { return selection_; }
  void setHidden(const QSet<Id>& ids);
  const QSet<Id>& hidden() const { return hidden_; }
  void setLocked(const QSet<Id>& ids);
  const QSet<Id>& locked() const { return locked_; }
  // View filters: only boxes of `classes` are drawn and hit (empty: every class); captions off.
  void setClassFilter(const QSet<Id>& classes);
  void setLabelsVisible(bool on);
  // Not hidden and not filtered out by class.
  bool isShown(Id id) const;
  // Draw the resize handles around this box (the primary selection).
  void setHandlesFor(Id id);

  QRectF boundingRect() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  // Handle rectangles of `r` for a view whose scale is `scale` (handles keep a constant size on
  // screen). Order: TL, T, TR, R, BR, B, BL, L.
  static std::vector<QRectF> handleRects(const QRectF& r, double scale);

 private:
  void updateArea(const QRectF& r);

  Style style_;
  QRectF bounds_;
  std::vector<CanvasBox> boxes_;
  QHash<Id, int> slot_;  // id -> position in boxes_
  BoxIndex index_;
  QSet<Id> selection_, hidden_, locked_;
  QSet<Id> classFilter_;
  bool labels_ = true;
  Id handlesFor_ = 0;
};

}  // namespace loupe::widgets
