#include "widgets/analysis/slice_table_widget.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QVBoxLayout>

namespace loupe::widgets {

SliceTableWidget::SliceTableWidget(QWidget* parent)
    : QWidget(parent), model_(new SliceTableModel(this)), view_(new QTableView(this)) {
  view_->setModel(model_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(SliceTableModel::Priority, Qt::DescendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->horizontalHeader()->setSectionResizeMode(SliceTableModel::Slice, QHeaderView::Stretch);
  view_->verticalHeader()->hide();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (!current.isValid()) return;
            emit sliceSelected(QString::fromStdString(model_->sliceRow(current.row()).slice),
                               model_->itemsOf(current.row()));
          });
}

}  // namespace loupe::widgets
