#include "widgets/item_panel/item_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace loupe::widgets {

ItemPanel::ItemPanel(QWidget* parent) : QWidget(parent) {
  name_ = new QLabel(this);
  name_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  name_->setWordWrap(true);
  QFont bold = name_->font();
  bold.setBold(true);
  name_->setFont(bold);
  meta_ = new QLabel(this);
  meta_->setWordWrap(true);
  evaluation_ = new QLabel(this);
  evaluation_->setObjectName("itemEvaluation");
  evaluation_->setWordWrap(true);
  evaluation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  split_ = new QComboBox(this);
  split_->setObjectName("itemSplit");
  for (Split s : {Split::Unassigned, Split::Train, Split::Val, Split::Test})
    split_->addItem(QString::fromUtf8(toString(s).data()), static_cast<int>(s));
  group_ = new QLineEdit(this);
  group_->setObjectName("itemGroupKey");
  group_->setPlaceholderText(tr("e.g. session or subject"));
  reviewed_ = new QCheckBox(tr("Reviewed"), this);
  reviewed_->setObjectName("itemReviewed");
  attributes_ = new QTableWidget(0, 2, this);
  attributes_->setObjectName("itemAttributes");
  attributes_->setHorizontalHeaderLabels({tr("Attribute"), tr("Value")});
  attributes_->verticalHeader()->hide();
  attributes_->horizontalHeader()->setStretchLastSection(true);
  attributes_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  attributes_->setSelectionBehavior(QAbstractItemView::SelectRows);
  auto* add = new QToolButton(this);
  add->setText(tr("+"));
  add->setToolTip(tr("Add an attribute"));
  auto* remove = new QToolButton(this);
  remove->setText(tr("−"));
  remove->setToolTip(tr("Remove the selected attribute"));

  form_ = new QFormLayout;
  auto* form = form_;
  form->setContentsMargins(0, 0, 0, 0);
  form->addRow(tr("Evaluation"), evaluation_);
  form->setRowVisible(evaluation_, false);
  form->addRow(tr("Split"), split_);
  form->addRow(tr("Group"), group_);
  form->addRow(QString(), reviewed_);
  auto* attrButtons = new QHBoxLayout;
  attrButtons->addStretch();
  attrButtons->addWidget(add);
  attrButtons->addWidget(remove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(name_);
  layout->addWidget(meta_);
  layout->addLayout(form);
  layout->addWidget(attributes_, 1);
  layout->addLayout(attrButtons);

  connect(split_, &QComboBox::currentIndexChanged, this, [this] {
    if (!filling_ && itemId_) emit splitRequested(itemId_, static_cast<Split>(split_->currentData().toInt()));
  });
  connect(group_, &QLineEdit::editingFinished, this, [this] {
    if (!filling_ && itemId_ && group_->isModified()) {
      group_->setModified(false);
      emit groupKeyRequested(itemId_, group_->text().trimmed());
    }
  });
  connect(reviewed_, &QCheckBox::toggled, this, [this](bool on) {
    if (!filling_ && itemId_) emit reviewedRequested(itemId_, on);
  });
  connect(attributes_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* cell) {
    if (filling_ || !itemId_ || cell->column() != 1) return;
    const QString key = attributes_->item(cell->row(), 0)->text();
    emit attributeRequested(itemId_, key, cell->text().trimmed());
  });
  connect(add, &QToolButton::clicked, this, &ItemPanel::addAttribute);
  connect(remove, &QToolButton::clicked, this, &ItemPanel::removeAttribute);
  clear();
}

void ItemPanel::showItem(const ItemDetails& d) {
  filling_ = true;
  itemId_ = d.item.id;
  setEnabled(true);
  name_->setText(QString::fromStdString(d.item.name));
  QString meta = tr("%1 × %2 px").arg(d.item.width).arg(d.item.height);
  if (!d.item.source.empty()) meta += QStringLiteral(" · ") + QString::fromStdString(d.item.source);
  meta_->setText(meta);
  split_->setCurrentIndex(split_->findData(static_cast<int>(d.item.split)));
  group_->setText(QString::fromStdString(d.item.groupKey));
  group_->setModified(false);
  reviewed_->setChecked(d.reviewed);
  attributes_->setRowCount(0);
  for (const auto& [k, v] : d.attributes) {
    const int r = attributes_->rowCount();
    attributes_->insertRow(r);
    auto* key = new QTableWidgetItem(QString::fromStdString(k));
    key->setFlags(key->flags() & ~Qt::ItemIsEditable);
    attributes_->setItem(r, 0, key);
    attributes_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(v)));
  }
  filling_ = false;
}

void ItemPanel::setEvaluation(const QString& text) {
  evaluation_->setText(text);
  form_->setRowVisible(evaluation_, !text.isEmpty());
}

QString ItemPanel::evaluationText() const { return evaluation_->text(); }

void ItemPanel::clear() {
  filling_ = true;
  itemId_ = 0;
  name_->setText(tr("No item"));
  meta_->clear();
  group_->clear();
  reviewed_->setChecked(false);
  attributes_->setRowCount(0);
  setEnabled(false);
  filling_ = false;
}

void ItemPanel::addAttribute() {
  if (!itemId_) return;
  bool ok = false;
  const QString key = QInputDialog::getText(this, tr("Add attribute"), tr("Key:"), QLineEdit::Normal, {}, &ok).trimmed();
  if (!ok || key.isEmpty()) return;
  const QString value = QInputDialog::getText(this, tr("Add attribute"), tr("Value for %1:").arg(key), QLineEdit::Normal, {}, &ok).trimmed();
  if (ok) emit attributeRequested(itemId_, key, value);
}

void ItemPanel::removeAttribute() {
  const int row = attributes_->currentRow();
  if (!itemId_ || row < 0) return;
  emit attributeRemovalRequested(itemId_, attributes_->item(row, 0)->text());
}

}  // namespace loupe::widgets
