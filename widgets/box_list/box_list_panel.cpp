#include "widgets/box_list/box_list_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/box_list/box_list_model.h"

namespace loupe::widgets {

BoxListPanel::BoxListPanel(QWidget* parent)
    : QWidget(parent), model_(new BoxListModel(this)), view_(new QTableView(this)) {
  view_->setObjectName("boxListView");
  view_->setModel(model_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->horizontalHeader()->setSectionResizeMode(BoxListModel::ClassColumn, QHeaderView::Stretch);
  view_->horizontalHeader()->setSectionResizeMode(BoxListModel::SizeColumn, QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setStretchLastSection(false);
  view_->horizontalHeader()->setSectionResizeMode(BoxListModel::LabelerColumn, QHeaderView::ResizeToContents);

  delete_ = new QPushButton(tr("Delete"), this);
  delete_->setObjectName("boxListDelete");
  delete_->setToolTip(tr("Delete the selected boxes (Delete); undo with Ctrl+Z"));
  delete_->setEnabled(false);
  count_ = new QLabel(this);

  // Delete while the table has focus; the canvas handles its own Delete key.
  for (const QKeySequence& key : {QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)}) {
    auto* shortcut = new QShortcut(key, view_);
    shortcut->setContext(Qt::WidgetShortcut);
    connect(shortcut, &QShortcut::activated, this, &BoxListPanel::requestDelete);
  }
  connect(delete_, &QPushButton::clicked, this, &BoxListPanel::requestDelete);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
    delete_->setEnabled(!selectedIds().isEmpty());
    if (!syncing_) emit selectionChosen(selectedIds());
  });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    count_->setText(tr("%n box(es)", "", model_->rowCount()));
    delete_->setEnabled(false);
  });

  auto* bottom = new QHBoxLayout;
  bottom->addWidget(count_, 1);
  bottom->addWidget(delete_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(view_, 1);
  layout->addLayout(bottom);
  count_->setText(tr("%n box(es)", "", 0));
}

QList<Id> BoxListPanel::selectedIds() const {
  QList<Id> ids;
  for (const QModelIndex& i : view_->selectionModel()->selectedRows())
    ids.push_back(model_->data(i, BoxListModel::IdRole).value<qint64>());
  std::sort(ids.begin(), ids.end());
  return ids;
}

void BoxListPanel::setSelectedIds(const QList<Id>& ids) {
  syncing_ = true;
  QItemSelection selection;
  int first = -1;
  for (Id id : ids) {
    const int row = model_->rowOf(id);
    if (row < 0) continue;
    selection.select(model_->index(row, 0), model_->index(row, BoxListModel::ColumnCount - 1));
    if (first < 0 || row < first) first = row;
  }
  view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
  if (first >= 0) view_->scrollTo(model_->index(first, 0));
  syncing_ = false;
}

void BoxListPanel::requestDelete() {
  const QList<Id> ids = selectedIds();
  if (!ids.isEmpty()) emit deleteRequested(ids);
}

}  // namespace loupe::widgets
