#include "widgets/analysis/error_tag_editor.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QUndoStack>

namespace loupe::analysis_ui {

SetAttributeCommand::SetAttributeCommand(storage::Project& project, Id itemId, std::string key, std::string value,
                                         QUndoCommand* parent)
    : QUndoCommand(parent), project_(project), item_(itemId), key_(std::move(key)) {
  if (!value.empty()) next_ = std::move(value);
  const auto attrs = project_.attributes(item_);
  if (const auto it = attrs.find(key_); it != attrs.end()) previous_ = it->second;
  setText(next_ ? QObject::tr("Tag item %1 as %2").arg(item_).arg(QString::fromStdString(*next_))
                : QObject::tr("Remove the tag of item %1").arg(item_));
}

void SetAttributeCommand::apply(const std::optional<std::string>& value) {
  if (value)
    project_.setAttribute(item_, key_, *value);
  else
    project_.removeAttribute(item_, key_);
}

void SetAttributeCommand::redo() { apply(next_); }
void SetAttributeCommand::undo() { apply(previous_); }

ErrorTagEditor::ErrorTagEditor(storage::Project& project, QUndoStack* undoStack, QWidget* parent)
    : QWidget(parent),
      project_(project),
      undo_(undoStack),
      edit_(new QLineEdit(this)),
      completer_(new QCompleter(this)),
      tags_(new QStringListModel(this)) {
  completer_->setModel(tags_);
  completer_->setCaseSensitivity(Qt::CaseInsensitive);
  completer_->setFilterMode(Qt::MatchContains);
  edit_->setCompleter(completer_);
  edit_->setPlaceholderText(tr("error tag, e.g. blurry, occluded, label noise"));
  edit_->setEnabled(false);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("Error tag:"), this));
  layout->addWidget(edit_);
  connect(edit_, &QLineEdit::returnPressed, this, &ErrorTagEditor::apply);
  refreshTags();
}

void ErrorTagEditor::refreshTags() {
  QStringList tags;
  for (const auto& [value, count] : project_.attributeValueCounts(kErrorTagKey)) tags << QString::fromStdString(value);
  tags_->setStringList(tags);
}

void ErrorTagEditor::setItem(Id itemId) {
  item_ = itemId;
  const auto attrs = project_.attributes(itemId);
  const auto it = attrs.find(kErrorTagKey);
  edit_->setText(it == attrs.end() ? QString() : QString::fromStdString(it->second));
  edit_->setEnabled(true);
}

void ErrorTagEditor::apply() {
  if (!item_) return;
  const QString tag = edit_->text().trimmed();
  undo_->push(new SetAttributeCommand(project_, *item_, kErrorTagKey, tag.toStdString()));
  refreshTags();
  emit tagApplied(*item_, tag);
}

}  // namespace loupe::analysis_ui
