#include "widgets/analysis/slice_table_model.h"

#include <algorithm>
#include <numeric>
#include <optional>

namespace loupe::widgets {
namespace {

std::optional<double> valueOf(const analysis::SliceRow& r, int column) {
  switch (column) {
    case SliceTableModel::Items: return static_cast<double>(r.items);
    case SliceTableModel::Share: return r.share;
    case SliceTableModel::Accuracy: return r.accuracy;
    case SliceTableModel::Hlp: return r.hlp;
    case SliceTableModel::Gap: return r.gap;
    case SliceTableModel::Priority: return r.priority;
    case SliceTableModel::NoPrediction: return static_cast<double>(r.noPrediction);
    default: return std::nullopt;
  }
}

}  // namespace

SliceTableModel::SliceTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void SliceTableModel::setSlices(std::vector<analysis::SliceRow> rows, std::vector<std::vector<Id>> itemIds) {
  beginResetModel();
  rows_ = std::move(rows);
  items_ = std::move(itemIds);
  items_.resize(rows_.size());
  endResetModel();
  // The view keeps showing its sort arrow across a reset without sorting again: new slices come
  // in the order the arrow promises.
  if (sortColumn_ >= 0) sort(sortColumn_, sortOrder_);
}

QList<qint64> SliceTableModel::itemsOf(int row) const {
  QList<qint64> out;
  if (row < 0 || row >= rowCount()) return out;
  for (const auto id : items_[static_cast<std::size_t>(row)]) out.push_back(id);
  return out;
}

int SliceTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int SliceTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SliceTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  const auto& r = rows_[static_cast<std::size_t>(index.row())];
  const int c = index.column();
  if (role == Qt::UserRole) {
    if (c == Slice) return QString::fromStdString(r.slice);
    const auto v = valueOf(r, c);
    return v ? QVariant(*v) : QVariant();
  }
  if (role == Qt::TextAlignmentRole && c != Slice) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  if (c == Slice) return QString::fromStdString(r.slice);
  if (c == Items) return QString::number(r.items);
  if (c == NoPrediction) return QString::number(r.noPrediction);
  const auto v = valueOf(r, c);
  return v ? QString::number(*v * 100, 'f', 1) + "%" : QStringLiteral("–");
}

QVariant SliceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* names[] = {"Slice", "Items", "Share", "Accuracy", "HLP", "Gap", "Priority",
                                      "No prediction"};
  return section >= 0 && section < ColumnCount ? QVariant(tr(names[section])) : QVariant();
}

void SliceTableModel::sort(int column, Qt::SortOrder order) {
  sortColumn_ = column;
  sortOrder_ = order;
  std::vector<std::size_t> idx(rows_.size());
  std::iota(idx.begin(), idx.end(), 0);
  // Unknown values (no HLP) always sort last, whatever the direction.
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    if (column == Slice)
      return order == Qt::AscendingOrder ? rows_[a].slice < rows_[b].slice : rows_[a].slice > rows_[b].slice;
    const auto x = valueOf(rows_[a], column), y = valueOf(rows_[b], column);
    if (x.has_value() != y.has_value()) return x.has_value();
    if (!x) return false;
    return order == Qt::AscendingOrder ? *x < *y : *x > *y;
  });
  emit layoutAboutToBeChanged();
  std::vector<analysis::SliceRow> rows;
  std::vector<std::vector<Id>> items;
  for (const auto i : idx) {
    rows.push_back(std::move(rows_[i]));
    items.push_back(std::move(items_[i]));
  }
  rows_ = std::move(rows);
  items_ = std::move(items);
  emit layoutChanged();
}

}  // namespace loupe::widgets
