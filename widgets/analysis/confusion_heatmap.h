#pragma once
// A confusion matrix as a heatmap: rows = reference, columns = model, class names on both axes,
// cell colour by the row-normalized share, text in counts or row percentages. Column names are
// drawn upright so any number of them stays readable; a tooltip names a cell's two classes and
// its count. Clicking a cell emits the ids of exactly the items in that cell.

#include <QList>
#include <QWidget>

#include <vector>

#include "core/analysis/classification_report.h"
#include "core/domain/types.h"

namespace loupe::widgets {

class ConfusionHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit ConfusionHeatmap(QWidget* parent = nullptr);
  // cellItems[r][c]: the items of cell (r, c), as core/analysis/slice_metrics.h's confusionOn gives.
  void setMatrix(analysis::ConfusionMatrix matrix, std::vector<std::vector<std::vector<Id>>> cellItems);
  void setNormalized(bool normalized);
  bool normalized() const { return normalized_; }

  // Geometry, for hit tests and tests.
  QRect cellRect(int row, int column) const;
  // The cell's text as drawn ("12" or "37.5%").
  QString cellText(int row, int column) const;
  // Where a column's class name is drawn (its whole text), for tests.
  QRect columnLabelRect(int column) const;
  // The tooltip for a point: the cell's classes and count, or a column's or row's class name.
  QString toolTipAt(const QPoint& pos) const;
  QSize sizeHint() const override;

 signals:
  void cellClicked(int row, int column, const QList<qint64>& itemIds);

 protected:
  bool event(QEvent* e) override;
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  QString className(int i) const;
  int nameWidth() const;   // the longest class name drawn, capped
  int leftWidth() const;   // the row names
  int topHeight() const;   // the title and the upright column names
  int cellSize() const;

  analysis::ConfusionMatrix matrix_;
  std::vector<std::vector<double>> shares_;
  std::vector<std::vector<std::vector<Id>>> cellItems_;
  bool normalized_ = false;
};

}  // namespace loupe::widgets
