#include "widgets/analysis/confusion_heatmap.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace loupe::analysis_ui {

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setMinimumSize(160, 160);
}

void ConfusionHeatmap::setMatrix(analysis::ConfusionMatrix matrix, std::vector<std::vector<std::vector<Id>>> cellItems) {
  matrix_ = std::move(matrix);
  shares_ = matrix_.rowNormalized();
  cellItems_ = std::move(cellItems);
  updateGeometry();
  update();
}

void ConfusionHeatmap::setNormalized(bool normalized) {
  normalized_ = normalized;
  update();
}

int ConfusionHeatmap::labelWidth() const {
  const QFontMetrics fm(font());
  int w = fm.horizontalAdvance(tr("reference"));
  for (const auto& c : matrix_.classes) w = std::max(w, fm.horizontalAdvance(QString::fromStdString(c)));
  return w + 12;
}

int ConfusionHeatmap::cellSize() const {
  const int n = std::max<int>(1, static_cast<int>(matrix_.classes.size()));
  const int side = std::min(width(), height()) - labelWidth();
  return std::max(24, side / n);
}

QRect ConfusionHeatmap::cellRect(int row, int column) const {
  const int s = cellSize(), x0 = labelWidth(), y0 = labelWidth();
  return {x0 + column * s, y0 + row * s, s, s};
}

QString ConfusionHeatmap::cellText(int row, int column) const {
  if (normalized_) return QString::number(shares_[row][column] * 100, 'f', 1) + "%";
  return QString::number(matrix_.counts[row][column]);
}

QSize ConfusionHeatmap::sizeHint() const {
  const int n = static_cast<int>(matrix_.classes.size());
  return {labelWidth() + 48 * std::max(n, 1) + 4, labelWidth() + 48 * std::max(n, 1) + 4};
}

QList<QRect> ConfusionHeatmap::columnHeaderRects() const {
  QList<QRect> out;
  const QFontMetrics fm(font());
  const int lw = labelWidth();
  for (int i = 0; i < static_cast<int>(matrix_.classes.size()); ++i) {
    const QRect col = cellRect(0, i);
    out.push_back(fm.boundingRect(QRect(col.x(), lw / 2, col.width(), lw / 2), Qt::AlignCenter,
                                  QString::fromStdString(matrix_.classes[static_cast<std::size_t>(i)])));
  }
  return out;
}

void ConfusionHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const int n = static_cast<int>(matrix_.classes.size());
  if (n == 0) return;
  const int lw = labelWidth();
  p.setPen(palette().text().color());
  p.drawText(QRect(lw, 0, n * cellSize(), lw / 2), Qt::AlignCenter, tr("model"));
  p.drawText(QRect(0, 0, lw, lw), Qt::AlignCenter, tr("reference"));
  for (int i = 0; i < n; ++i) {
    const QString name = QString::fromStdString(matrix_.classes[static_cast<std::size_t>(i)]);
    const QRect col = cellRect(0, i), row = cellRect(i, 0);
    p.drawText(QRect(col.x(), lw / 2, col.width(), lw / 2), Qt::AlignCenter, name);
    p.drawText(QRect(0, row.y(), lw - 6, row.height()), Qt::AlignRight | Qt::AlignVCenter, name);
  }
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c) {
      const double share = shares_[r][c];
      // Blue scale by the share of the reference row: the colour means the same in both modes.
      const QColor fill = QColor::fromRgbF(1.0 - 0.8 * share, 1.0 - 0.6 * share, 1.0 - 0.2 * share);
      const QRect cell = cellRect(r, c);
      p.fillRect(cell.adjusted(1, 1, -1, -1), fill);
      p.setPen(share > 0.6 ? Qt::white : Qt::black);
      p.drawText(cell, Qt::AlignCenter, cellText(r, c));
    }
}

void ConfusionHeatmap::mousePressEvent(QMouseEvent* event) {
  const int n = static_cast<int>(matrix_.classes.size());
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < n; ++c)
      if (cellRect(r, c).contains(event->position().toPoint())) {
        QList<qint64> ids;
        if (r < static_cast<int>(cellItems_.size()) && c < static_cast<int>(cellItems_[r].size()))
          for (const auto id : cellItems_[r][c]) ids.push_back(id);
        emit cellClicked(r, c, ids);
        return;
      }
  QWidget::mousePressEvent(event);
}

}  // namespace loupe::analysis_ui
