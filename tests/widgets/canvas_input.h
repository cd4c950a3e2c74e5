#pragma once
// Mouse input on the canvas in image coordinates, as a labeler's hand gives it: the tests and the
// kill script drive the real view through these so a drag means the same everywhere.

#include <QPointF>
#include <QTest>

#include "widgets/canvas/canvas_view.h"

namespace loupe::test {

inline QPoint onCanvas(widgets::CanvasView* view, QPointF imagePos) { return view->mapFromScene(imagePos); }

// Press at `from`, `steps` moves, release at `to` (several moves: the drag threshold is passed).
// `mods` are held on press and release (Ctrl: draw even inside a box).
inline void dragOnCanvas(widgets::CanvasView* view, QPointF from, QPointF to, int steps = 4,
                         Qt::KeyboardModifiers mods = {}) {
  const QPoint a = onCanvas(view, from), b = onCanvas(view, to);
  QTest::mousePress(view->viewport(), Qt::LeftButton, mods, a);
  for (int i = 1; i <= steps; ++i) QTest::mouseMove(view->viewport(), a + (b - a) * i / steps);
  QTest::mouseRelease(view->viewport(), Qt::LeftButton, mods, b);
}

}  // namespace loupe::test
