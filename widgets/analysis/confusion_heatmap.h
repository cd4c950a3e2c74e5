#pragma once
// A confusion matrix as a heatmap: rows = reference, columns = model, class names on both axes,
// cell colour by the row-normalized share, text in counts or row percentages. Clicking a cell
// emits the ids of exactly the items in that cell.

#include <QList>
#include <QWidget>

#include <vector>

#include "core/analysis/classification_report.h"
#include "core/domain/types.h"

namespace loupe::analysis_ui {

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
  // Where each column's class name is drawn (its text's bounding box), for layout tests.
  QList<QRect> columnHeaderRects() const;
  QSize sizeHint() const override;

 signals:
  void cellClicked(int row, int column, const QList<qint64>& itemIds);

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  int labelWidth() const;
  int cellSize() const;

  analysis::ConfusionMatrix matrix_;
  std::vector<std::vector<double>> shares_;
  std::vector<std::vector<std::vector<Id>>> cellItems_;
  bool normalized_ = false;
};

}  // namespace loupe::analysis_ui
