#pragma once
// The slice table as a Qt model: one row per slice, columns slice, items, share, accuracy, HLP,
// gap, priority. Display text is in percent; Qt::UserRole holds the raw number for sorting.
// New slices are sorted as the last sort() asked (the view's sort arrow).

#include <QAbstractTableModel>
#include <QList>

#include <vector>

#include "core/analysis/slice_row.h"
#include "core/domain/types.h"

namespace loupe::widgets {

class SliceTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Slice, Items, Share, Accuracy, Hlp, Gap, Priority, NoPrediction, ColumnCount };

  explicit SliceTableModel(QObject* parent = nullptr);
  // rows[i] describes the slice whose items are itemIds[i].
  void setSlices(std::vector<analysis::SliceRow> rows, std::vector<std::vector<Id>> itemIds);
  const analysis::SliceRow& sliceRow(int row) const { return rows_[static_cast<std::size_t>(row)]; }
  QList<qint64> itemsOf(int row) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
  void sort(int column, Qt::SortOrder order) override;

 private:
  std::vector<analysis::SliceRow> rows_;
  std::vector<std::vector<Id>> items_;
  int sortColumn_ = -1;  // the last sort asked for, kept by setSlices
  Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

}  // namespace loupe::widgets
