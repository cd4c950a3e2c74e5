#include "widgets/browser/browser_panel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

#include "widgets/browser/item_delegate.h"
#include "widgets/browser/item_list_model.h"

namespace loupe::widgets {

namespace {
enum StateFilter { AnyState, Unlabeled, Reviewed, NotReviewed, Disagreement };
}

BrowserPanel::BrowserPanel(ItemListModel* model, int thumbEdge, QWidget* parent)
    : QWidget(parent), model_(model) {
  search_ = new QLineEdit(this);
  search_->setObjectName("browserSearch");
  search_->setPlaceholderText(tr("Search by name…"));
  search_->setClearButtonEnabled(true);
  split_ = new QComboBox(this);
  split_->addItem(tr("All splits"));
  for (Split s : {Split::Train, Split::Val, Split::Test, Split::Unassigned})
    split_->addItem(QString::fromUtf8(toString(s).data()), static_cast<int>(s));
  class_ = new QComboBox(this);
  labeler_ = new QComboBox(this);
  attribute_ = new QComboBox(this);
  state_ = new QComboBox(this);
  state_->addItem(tr("Any state"), AnyState);
  state_->addItem(tr("Unlabeled (by me)"), Unlabeled);
  state_->addItem(tr("Reviewed"), Reviewed);
  state_->addItem(tr("Not reviewed"), NotReviewed);
  state_->addItem(tr("Labelers disagree"), Disagreement);
  split_->setObjectName("splitFilter");
  class_->setObjectName("classFilter");
  labeler_->setObjectName("labelerFilter");
  attribute_->setObjectName("attributeFilter");
  state_->setObjectName("stateFilter");
  setClasses({});
  setLabelers({});
  setAttributes({});

  list_ = new QListView(this);
  list_->setModel(model_);
  // Uniform sizes: the view never measures rows it does not show, which is what keeps 100k
  // items instant; the model then only fetches the pages on screen.
  list_->setUniformItemSizes(true);
  list_->setItemDelegate(new ItemDelegate(thumbEdge, list_));
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  list_->setFocusPolicy(Qt::ClickFocus);
  count_ = new QLabel(this);
  count_->setObjectName("browserCount");

  auto* filters = new QGridLayout;
  filters->setContentsMargins(0, 0, 0, 0);
  filters->setHorizontalSpacing(4);
  filters->setVerticalSpacing(4);
  filters->addWidget(search_, 0, 0, 1, 2);
  filters->addWidget(split_, 1, 0);
  filters->addWidget(state_, 1, 1);
  filters->addWidget(class_, 2, 0);
  filters->addWidget(labeler_, 2, 1);
  filters->addWidget(attribute_, 3, 0, 1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(6);
  layout->addLayout(filters);
  layout->addWidget(list_, 1);
  layout->addWidget(count_);

  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(200);  // search as you type without a query per keystroke
  connect(debounce_, &QTimer::timeout, this, &BrowserPanel::emitFilter);
  connect(search_, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
  for (QComboBox* c : {split_, class_, labeler_, attribute_, state_})
    connect(c, &QComboBox::currentIndexChanged, this, &BrowserPanel::emitFilter);
  connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& idx) {
    if (quiet_ || !idx.isValid()) return;
    emit itemActivated(idx.data(ItemListModel::IdRole).toLongLong());
  });
  connect(model_, &QAbstractItemModel::modelReset, this, &BrowserPanel::updateCount);
}

void BrowserPanel::setClasses(const std::vector<ClassDef>& classes) {
  const QVariant keep = class_->currentData();
  QSignalBlocker block(class_);
  class_->clear();
  class_->addItem(tr("All classes"));
  for (const auto& c : classes) class_->addItem(QString::fromStdString(c.name), QVariant::fromValue<qlonglong>(c.id));
  const int i = class_->findData(keep);
  class_->setCurrentIndex(i < 0 ? 0 : i);
}

void BrowserPanel::setLabelers(const std::vector<Labeler>& labelers) {
  const QVariant keep = labeler_->currentData();
  QSignalBlocker block(labeler_);
  labeler_->clear();
  labeler_->addItem(tr("All labelers"));
  for (const auto& l : labelers)
    labeler_->addItem(QStringLiteral("%1 (%2)").arg(QString::fromStdString(l.name), QString::fromUtf8(toString(l.kind).data())),
                      QVariant::fromValue<qlonglong>(l.id));
  const int i = labeler_->findData(keep);
  labeler_->setCurrentIndex(i < 0 ? 0 : i);
}

void BrowserPanel::setAttributes(const std::vector<std::pair<std::string, std::vector<std::string>>>& attributes) {
  const QVariant keep = attribute_->currentData();
  QSignalBlocker block(attribute_);
  attribute_->clear();
  attribute_->addItem(tr("Any attribute"));
  for (const auto& [key, values] : attributes)
    for (const auto& v : values)
      attribute_->addItem(QStringLiteral("%1 = %2").arg(QString::fromStdString(key), QString::fromStdString(v)),
                          QStringList{QString::fromStdString(key), QString::fromStdString(v)});
  const int i = attribute_->findData(keep);
  attribute_->setCurrentIndex(i < 0 ? 0 : i);
}

storage::ItemFilter BrowserPanel::filter() const {
  storage::ItemFilter f;
  f.nameContains = search_->text().trimmed().toStdString();
  if (split_->currentIndex() > 0) f.split = static_cast<Split>(split_->currentData().toInt());
  if (class_->currentIndex() > 0) f.classId = class_->currentData().toLongLong();
  if (labeler_->currentIndex() > 0) f.labelerId = labeler_->currentData().toLongLong();
  if (attribute_->currentIndex() > 0) {
    const QStringList kv = attribute_->currentData().toStringList();
    f.attributeKey = kv.value(0).toStdString();
    f.attributeValue = kv.value(1).toStdString();
  }
  switch (state_->currentData().toInt()) {
    case Unlabeled: f.unlabeled = true; break;
    case Reviewed: f.reviewed = true; break;
    case NotReviewed: f.reviewed = false; break;
    case Disagreement: f.hasDisagreement = true; break;
    default: break;
  }
  return f;
}

void BrowserPanel::setTotal(std::int64_t total) {
  total_ = total;
  updateCount();
}

void BrowserPanel::showRow(int row, bool scroll) {
  quiet_ = true;
  const QModelIndex idx = model_->index(row);
  list_->setCurrentIndex(idx);
  if (scroll && idx.isValid()) list_->scrollTo(idx);
  quiet_ = false;
}

void BrowserPanel::emitFilter() { emit filterChanged(filter()); }

void BrowserPanel::updateCount() {
  const int shown = model_->rowCount();
  count_->setText(shown == total_ ? tr("%1 items").arg(QLocale().toString(qlonglong(total_)))
                                  : tr("%1 of %2 items").arg(QLocale().toString(shown), QLocale().toString(qlonglong(total_))));
}

}  // namespace loupe::widgets
