#pragma once
// The review queue as a Qt table model: items where labelers disagree, worst first, with each
// labeler's answer. reload() recomputes from the project (after every edit).

#include <QAbstractTableModel>

#include <vector>

#include "core/agreement/agreement_data.h"
#include "core/agreement/disagreement.h"
#include "storage/project.h"

namespace loupe::widgets {

class DisagreementModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { ItemColumn, ScoreColumn, AnswersColumn, ColumnCount };

  explicit DisagreementModel(storage::Project& project, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  void reload();
  Id itemId(int row) const;
  double score(int row) const;
  // "alice: cat · bob: dog" for image labels, "alice: 3 boxes" for boxes.
  QString answers(int row) const;
  const agreement::AgreementData& agreementData() const { return data_; }

 private:
  storage::Project& project_;
  agreement::AgreementData data_;
  std::vector<agreement::Disagreement> queue_;
};

}  // namespace loupe::widgets
