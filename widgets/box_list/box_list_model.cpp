#include "widgets/box_list/box_list_model.h"

namespace loupe::widgets {

void BoxListModel::setRows(std::vector<BoxRow> rows) {
  beginResetModel();
  rows_ = std::move(rows);
  endResetModel();
}

int BoxListModel::rowOf(Id id) const {
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].id == id) return static_cast<int>(i);
  return -1;
}

int BoxListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int BoxListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BoxListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) return {};
  const BoxRow& r = rows_[static_cast<std::size_t>(index.row())];
  if (role == IdRole) return QVariant::fromValue<qint64>(r.id);
  switch (index.column()) {
    case ClassColumn:
      if (role == Qt::DisplayRole) return r.className;
      if (role == Qt::DecorationRole) return r.color;
      break;
    case SizeColumn:
      if (role == Qt::DisplayRole) return QStringLiteral("%1×%2").arg(qRound(r.size.width())).arg(qRound(r.size.height()));
      if (role == Qt::TextAlignmentRole) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      break;
    case LabelerColumn:
      if (role == Qt::DisplayRole) return r.labeler;
      break;
    default: break;
  }
  return {};
}

// Qt's table-model contract (data / headerData switching on the column) makes every table model
// here look alike by shape; the columns and roles are each model's own.
QVariant BoxListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case ClassColumn: return tr("Class");
    case SizeColumn: return tr("Size");
    case LabelerColumn: return tr("Labeler");
    default: return {};
  }
}

}  // namespace loupe::widgets
