#pragma once
// Error tagging while walking through errors: a line edit with completion from the tags already
// used in the project. Enter applies the tag to the current item through the undo stack.

#include <QUndoCommand>
#include <QWidget>

#include <optional>
#include <string>

#include "storage/project.h"

class QCompleter;
class QLineEdit;
class QStringListModel;
class QUndoStack;

namespace loupe::analysis_ui {

inline constexpr const char* kErrorTagKey = "error_tag";

// Sets (or, with an empty value, removes) one attribute of one item; undo restores the previous.
class SetAttributeCommand : public QUndoCommand {
 public:
  SetAttributeCommand(storage::Project& project, Id itemId, std::string key, std::string value,
                      QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  void apply(const std::optional<std::string>& value);
  storage::Project& project_;
  Id item_;
  std::string key_;
  std::optional<std::string> next_, previous_;
};

class ErrorTagEditor : public QWidget {
  Q_OBJECT
 public:
  ErrorTagEditor(storage::Project& project, QUndoStack* undoStack, QWidget* parent = nullptr);
  void setItem(Id itemId);
  QLineEdit* lineEdit() const { return edit_; }
  QCompleter* completer() const { return completer_; }
  // Re-reads the tags in use (after edits elsewhere).
  void refreshTags();

 signals:
  void tagApplied(qint64 itemId, const QString& tag);

 private:
  void apply();

  storage::Project& project_;
  QUndoStack* undo_;
  std::optional<Id> item_;
  QLineEdit* edit_;
  QCompleter* completer_;
  QStringListModel* tags_;
};

}  // namespace loupe::analysis_ui
