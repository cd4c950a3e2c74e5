#pragma once
// Asked when a project opens: who is labeling? Pick an existing labeler or type a new name
// (created as a human labeler). Every edit is attributed to the chosen labeler. Return accepts
// exactly the name the field shows; the list selection follows the field.

#include <QDialog>
#include <QString>

#include <vector>

#include "core/domain/types.h"

class QLineEdit;
class QListWidget;

namespace loupe::widgets {

class LabelerDialog : public QDialog {
  Q_OBJECT

 public:
  LabelerDialog(const std::vector<Labeler>& labelers, const QString& suggested, QWidget* parent = nullptr);
  QString name() const;

 private:
  QLineEdit* name_;
  QListWidget* list_;
};

}  // namespace loupe::widgets
