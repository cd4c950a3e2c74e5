#include "widgets/analysis/confusion_heatmap.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace loupe::widgets {
namespace {
// Longer class names are elided (the tooltip names them whole) so the grid keeps its room.
constexpr int kMaxNameWidth = 160;
constexpr int kGap = 6;
}  // namespace

ConfusionHeatmap::ConfusionHeatmap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(false);
  setMinimumSize(160, 160);
}

void ConfusionHeatmap::setMatrix(analysis::ConfusionMatrix matrix, std::vector<std::vector<std::vector<Id>>> cellItems) {
  matrix_ = std::move(matrix);
  shares_ = matrix_.rowNormalized();
  cellItems_ = std::move(cellItems);
  // Never squeezed below readable cells: in a scroll area the rest scrolls instead of being cut.
  const int n = std::max(1, static_cast<int>(matrix_.classes.size()));
  setMinimumSize(std::max(160, leftWidth() + 24 * n + 4), std::max(160, topHeight() + 24 * n + 4));
  updateGeometry();
  update();
}

void ConfusionHeatmap::setNormalized(bool normalized) {
  normalized_ = normalized;
  update();
}

QString ConfusionHeatmap::className(int i) const { return QString::fromStdString(matrix_.classes[static_cast<std::size_t>(i)]); }

int ConfusionHeatmap::nameWidth() const {
  const QFontMetrics fm(font());
  int w = 0;
  for (const auto& c : matrix_.classes) w = std::max(w, fm.horizontalAdvance(QString::fromStdString(c)));
  return std::min(w, kMaxNameWidth);
}

int ConfusionHeatmap::leftWidth() const {
  return std::max(nameWidth(), QFontMetrics(font()).horizontalAdvance(tr("reference"))) + 2 * kGap;
}

// The title "model", then the column names drawn upright (rotated) so that each takes only a
// line's height across, however long it is: side by side they never run into each other.
int ConfusionHeatmap::topHeight() const { return QFontMetrics(font()).height() + nameWidth() + 3 * kGap; }

int ConfusionHeatmap::cellSize() const {
  const int n = std::max<int>(1, static_cast<int>(matrix_.classes.size()));
  const int side = std::min(width() - leftWidth(), height() - topHeight());
  return std::max({24, QFontMetrics(font()).height() + 4, side / n});
}

QRect ConfusionHeatmap::cellRect(int row, int column) const {
  const int s = cellSize();
  return {leftWidth() + column * s, topHeight() + row * s, s, s};
}

QRect ConfusionHeatmap::columnLabelRect(int column) const {
  const QFontMetrics fm(font());
  const QRect col = cellRect(0, column);
  const int length = std::min(fm.horizontalAdvance(className(column)), nameWidth());
  return {col.center().x() - fm.height() / 2, col.top() - kGap - length, fm.height(), length};
}

QString ConfusionHeatmap::cellText(int row, int column) const {
  if (normalized_) return QString::number(shares_[row][column] * 100, 'f', 1) + "%";
  return QString::number(matrix_.counts[row][column]);
}

QString ConfusionHeatmap::toolTipAt(const QPoint& pos) const {
  const int n = static_cast<int>(matrix_.classes.size());
  if (n == 0) return {};
  const QRect grid = cellRect(0, 0).united(cellRect(n - 1, n - 1));
  const int s = cellSize();
  if (grid.contains(pos)) {
    const int r = (pos.y() - grid.top()) / s, c = (pos.x() - grid.left()) / s;
    return tr("reference: %1 · model: %2 · %n item(s)", "", static_cast<int>(matrix_.counts[r][c]))
        .arg(className(r), className(c));
  }
  if (pos.y() >= 0 && pos.y() < grid.top() && pos.x() >= grid.left() && pos.x() <= grid.right())
    return tr("model: %1").arg(className((pos.x() - grid.left()) / s));
  if (pos.x() >= 0 && pos.x() < grid.left() && pos.y() >= grid.top() && pos.y() <= grid.bottom())
    return tr("reference: %1").arg(className((pos.y() - grid.top()) / s));
  return {};
}

QSize ConfusionHeatmap::sizeHint() const {
  const int n = std::max(1, static_cast<int>(matrix_.classes.size()));
  return {leftWidth() + 48 * n + 4, topHeight() + 48 * n + 4};
}

bool ConfusionHeatmap::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(e);
    const QString tip = toolTipAt(help->pos());
    if (tip.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(help->globalPos(), tip, this);
    return true;
  }
  return QWidget::event(e);
}

void ConfusionHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const int n = static_cast<int>(matrix_.classes.size());
  if (n == 0) return;
  const QFontMetrics fm(font());
  const int lw = leftWidth(), top = topHeight();
  p.setPen(palette().text().color());
  p.drawText(QRect(lw, kGap / 2, n * cellSize(), fm.height()), Qt::AlignCenter, tr("model"));
  p.drawText(QRect(0, top - fm.height() - kGap, lw - kGap, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
             tr("reference"));
  for (int i = 0; i < n; ++i) {
    const QRect label = columnLabelRect(i), row = cellRect(i, 0);
    p.save();
    p.translate(label.left(), label.bottom() + 1);
    p.rotate(-90);  // reads bottom to top, its line height across the column
    // Elided only beyond the cap: a name that fits is drawn whole, with room for rounding.
    p.drawText(QRect(0, 0, nameWidth() + kGap, label.width()), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(className(i), Qt::ElideRight, nameWidth() + 1));
    p.restore();
    p.drawText(QRect(0, row.y(), lw - kGap, row.height()), Qt::AlignRight | Qt::AlignVCenter,
               fm.elidedText(className(i), Qt::ElideRight, lw - 2 * kGap + 1));
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

}  // namespace loupe::widgets
