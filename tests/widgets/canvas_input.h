#pragma once
// Mouse input on the canvas in image coordinates, as a labeler's hand gives it: the tests and the
// kill script drive the real view through these so a drag means the same everywhere.

#include <QPointF>
#include <QTest>

#include "widgets/canvas/canvas_view.h"

namespace loupe::test {

inline QPoint onCanvas(widgets::CanvasView* view, QPointF imagePos) { return view->mapFromScene(imagePos); }

// Press at `from`, `steps` moves, release at `to` (several moves: the drag threshold is passed).
inline void dragOnCanvas(widgets::CanvasView* view, QPointF from, QPointF to, int steps = 4) {
  const QPoint a = onCanvas(view, from), b = onCanvas(view, to);
  QTest::mousePress(view->viewport(), Qt::LeftButton, {}, a);
  for (int i = 1; i <= steps; ++i) QTest::mouseMove(view->viewport(), a + (b - a) * i / steps);
  QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, b);
}

}  // namespace loupe::test
