#include "widgets/review/disagreement_model.h"

#include <QStringList>

#include "storage/agreement/agreement_source.h"

namespace loupe::widgets {

DisagreementModel::DisagreementModel(storage::Project& project, QObject* parent)
    : QAbstractTableModel(parent), project_(project) {
  reload();
}

void DisagreementModel::reload() {
  beginResetModel();
  data_ = storage::loadAgreementData(project_, {});
  queue_ = agreement::disagreementQueue(data_);
  endResetModel();
}

int DisagreementModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(queue_.size());
}

int DisagreementModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

Id DisagreementModel::itemId(int row) const { return data_.items[queue_.at(static_cast<std::size_t>(row)).unit]; }

double DisagreementModel::score(int row) const { return queue_.at(static_cast<std::size_t>(row)).score; }

QString DisagreementModel::answers(int row) const {
  const std::size_t unit = queue_.at(static_cast<std::size_t>(row)).unit;
  QStringList parts;
  for (int r = 0; r < data_.labels.raters; ++r) {
    const QString who = QString::fromStdString(data_.labelers[static_cast<std::size_t>(r)].name);
    const int v = data_.labels.at(unit, r);
    const std::size_t boxes = data_.boxes.countAt(unit, r);
    if (v != agreement::kMissing)
      parts << QStringLiteral("%1: %2").arg(who, QString::fromStdString(data_.classes[static_cast<std::size_t>(v)].name));
    else if (boxes > 0)
      parts << tr("%1: %n box(es)", nullptr, static_cast<int>(boxes)).arg(who);
  }
  return parts.join(QStringLiteral(" · "));
}

QVariant DisagreementModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case ItemColumn: {
        const auto rec = project_.item(itemId(index.row()));
        return rec ? QString::fromStdString(rec->item.name) : QString();
      }
      case ScoreColumn: return QString::number(score(index.row()), 'f', 2);
      case AnswersColumn: return answers(index.row());
    }
  }
  if (role == Qt::UserRole) return QVariant::fromValue<qlonglong>(itemId(index.row()));
  if (role == Qt::TextAlignmentRole && index.column() == ScoreColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
  return {};
}

QVariant DisagreementModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case ItemColumn: return tr("Item");
    case ScoreColumn: return tr("Disagreement");
    case AnswersColumn: return tr("Answers");
  }
  return {};
}

}  // namespace loupe::widgets
