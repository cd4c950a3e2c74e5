#pragma once
// The item dock: name, size and source of the current item; its split, group key, attributes
// and reviewed flag, each editable. Edits are requests the main window makes undoable. While
// the user walks through a model's errors, an "Evaluation" line names both answers.

#include <QWidget>

#include <map>
#include <string>

#include "core/domain/types.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace loupe::widgets {

struct ItemDetails {
  Item item;
  bool reviewed = false;
  std::map<std::string, std::string> attributes;
};

class ItemPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ItemPanel(QWidget* parent = nullptr);

  void showItem(const ItemDetails& details);
  void clear();
  // The model's and the reference's answer on this item while the user walks through a
  // model's errors (see widgets/main_window/evaluation_walk.h); empty hides the line. Kept
  // across showItem(): it is about the walk, not about the item's own fields.
  void setEvaluation(const QString& text);
  QString evaluationText() const;

 signals:
  void splitRequested(loupe::Id itemId, loupe::Split split);
  void groupKeyRequested(loupe::Id itemId, const QString& groupKey);
  void reviewedRequested(loupe::Id itemId, bool reviewed);
  void attributeRequested(loupe::Id itemId, const QString& key, const QString& value);
  void attributeRemovalRequested(loupe::Id itemId, const QString& key);

 private:
  void addAttribute();
  void removeAttribute();

  Id itemId_ = 0;
  QLabel* name_;
  QLabel* meta_;
  QLabel* evaluation_;
  QFormLayout* form_;
  QComboBox* split_;
  QLineEdit* group_;
  QCheckBox* reviewed_;
  QTableWidget* attributes_;
  bool filling_ = false;
};

}  // namespace loupe::widgets
