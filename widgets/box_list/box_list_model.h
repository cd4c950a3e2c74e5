#pragma once
// The boxes of the item on screen as a table: class (with its colour), size w×h in image pixels,
// labeler. Holds rows it is given; knows nothing about storage or the canvas.

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QSizeF>
#include <QString>

#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

struct BoxRow {
  Id id = 0;
  QString className;
  QColor color;  // the class's colour (data chosen by the user)
  QSizeF size;
  QString labeler;
};

class BoxListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { ClassColumn, SizeColumn, LabelerColumn, ColumnCount };
  static constexpr int IdRole = Qt::UserRole + 1;

  using QAbstractTableModel::QAbstractTableModel;

  void setRows(std::vector<BoxRow> rows);
  const std::vector<BoxRow>& rows() const { return rows_; }
  int rowOf(Id id) const;  // -1 when absent

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<BoxRow> rows_;
};

}  // namespace loupe::widgets
