#pragma once
// The Likely errors queue as a table, worst first: score, item, what is questioned, the given
// answer and the suggested one. Holds entries only; the panel decides what goes in.

#include <QAbstractTableModel>

#include <vector>

#include "storage/label_errors/issue_review.h"

namespace loupe::widgets {

class ReviewQueueModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Score, Item, Issue, Given, Suggested, ColumnCount };

  using QAbstractTableModel::QAbstractTableModel;
  void setEntries(std::vector<storage::ReviewEntry> entries);
  const storage::ReviewEntry& entry(int row) const { return entries_.at(static_cast<std::size_t>(row)); }
  // The row of the entry questioning `subject` on `itemId`, or -1.
  int rowOf(Id itemId, const std::string& subject) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // How the given and suggested answers read in the table and the preview.
  static QString issueText(const storage::ReviewEntry& e);
  static QString givenText(const storage::ReviewEntry& e);
  static QString suggestedText(const storage::ReviewEntry& e);

 private:
  std::vector<storage::ReviewEntry> entries_;
};

}  // namespace loupe::widgets
