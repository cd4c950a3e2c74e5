#pragma once
// Distinct, stable colours for labelers in the review views (by position in the labeler list).

#include <QColor>

namespace loupe::widgets {

QColor labelerColor(int index);

}  // namespace loupe::widgets
