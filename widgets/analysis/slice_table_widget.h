#pragma once
// The slice table view: sortable columns, highest priority first; selecting a slice emits its
// items so the dataset browser can filter to them.

#include <QList>
#include <QWidget>

#include "widgets/analysis/slice_table_model.h"

class QTableView;

namespace loupe::widgets {

class SliceTableWidget : public QWidget {
  Q_OBJECT
 public:
  explicit SliceTableWidget(QWidget* parent = nullptr);
  SliceTableModel* model() const { return model_; }
  QTableView* view() const { return view_; }

 signals:
  void sliceSelected(const QString& slice, const QList<qint64>& itemIds);

 private:
  SliceTableModel* model_;
  QTableView* view_;
};

}  // namespace loupe::widgets
