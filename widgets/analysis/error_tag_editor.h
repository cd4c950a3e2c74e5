#pragma once
// Error tagging while walking through errors: a line edit with completion from the tags already
// used in the project. Enter applies the tag to the current item as a widgets::SetAttributeCommand
// run through the workspace (an empty tag removes it), so the item panel shows it and the
// window's undo undoes it.

#include <QWidget>

#include <optional>

#include "core/domain/types.h"

class QCompleter;
class QLineEdit;
class QStringListModel;

namespace loupe::widgets {
class Workspace;
}

namespace loupe::widgets {

inline constexpr const char* kErrorTagKey = "error_tag";

class ErrorTagEditor : public QWidget {
  Q_OBJECT
 public:
  explicit ErrorTagEditor(widgets::Workspace* workspace, QWidget* parent = nullptr);
  void setItem(Id itemId);
  QLineEdit* lineEdit() const { return edit_; }
  QCompleter* completer() const { return completer_; }
  // Re-reads the tags in use (after edits elsewhere).
  void refreshTags();

 signals:
  void tagApplied(qint64 itemId, const QString& tag);

 private:
  void apply();

  widgets::Workspace* ws_;
  std::optional<Id> item_;
  QLineEdit* edit_;
  QCompleter* completer_;
  QStringListModel* tags_;
};

}  // namespace loupe::widgets
