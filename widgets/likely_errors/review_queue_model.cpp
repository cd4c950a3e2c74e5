#include "widgets/likely_errors/review_queue_model.h"

namespace loupe::widgets {

void ReviewQueueModel::setEntries(std::vector<storage::ReviewEntry> entries) {
  beginResetModel();
  entries_ = std::move(entries);
  endResetModel();
}

int ReviewQueueModel::rowOf(Id itemId, const std::string& subject) const {
  for (std::size_t r = 0; r < entries_.size(); ++r)
    if (entries_[r].itemId == itemId && entries_[r].subject == subject) return static_cast<int>(r);
  return -1;
}

int ReviewQueueModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}
int ReviewQueueModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ReviewQueueModel::issueText(const storage::ReviewEntry& e) {
  if (!e.box) return tr("label");
  const std::string& k = e.box->kind;
  if (k == "missed") return tr("missed box");
  if (k == "misplaced") return tr("misplaced box");
  if (k == "wrong_class") return tr("wrong class");
  if (k == "spurious") return tr("spurious box");
  return QString::fromStdString(k);
}

QString ReviewQueueModel::givenText(const storage::ReviewEntry& e) {
  if (e.box && !e.box->given) return tr("(no box)");
  return QString::fromStdString(e.given);
}

QString ReviewQueueModel::suggestedText(const storage::ReviewEntry& e) {
  if (!e.box) return QString::fromStdString(e.suggested);
  if (e.box->kind == "spurious") return tr("remove the box");
  if (e.box->kind == "misplaced") return tr("%1, moved").arg(QString::fromStdString(e.suggested));
  return QString::fromStdString(e.suggested);
}

QVariant ReviewQueueModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& e = entries_[static_cast<std::size_t>(index.row())];
  if (role == Qt::TextAlignmentRole && index.column() == Score) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Score: return QString::number(e.score, 'f', 3);
    case Item: return QString::fromStdString(e.item);
    case Issue: return issueText(e);
    case Given: return givenText(e);
    case Suggested: return suggestedText(e);
    default: return {};
  }
}

QVariant ReviewQueueModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Score: return tr("Score");
    case Item: return tr("Item");
    case Issue: return tr("Issue");
    case Given: return tr("Given");
    case Suggested: return tr("Suggested");
    default: return {};
  }
}

}  // namespace loupe::widgets
