#include "widgets/analysis/error_tag_editor.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>

#include "storage/project.h"
#include "widgets/commands/item_commands.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

ErrorTagEditor::ErrorTagEditor(widgets::Workspace* workspace, QWidget* parent)
    : QWidget(parent),
      ws_(workspace),
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
  for (const auto& [value, count] : ws_->project().attributeValueCounts(kErrorTagKey)) tags << QString::fromStdString(value);
  tags_->setStringList(tags);
}

void ErrorTagEditor::setItem(Id itemId) {
  item_ = itemId;
  const auto attrs = ws_->project().attributes(itemId);
  const auto it = attrs.find(kErrorTagKey);
  edit_->setText(it == attrs.end() ? QString() : QString::fromStdString(it->second));
  edit_->setEnabled(true);
}

void ErrorTagEditor::apply() {
  if (!item_) return;
  const QString tag = edit_->text().trimmed();
  std::optional<std::string> value;
  if (!tag.isEmpty()) value = tag.toStdString();
  ws_->run(new widgets::SetAttributeCommand(ws_, *item_, kErrorTagKey, value));
  refreshTags();
  emit tagApplied(*item_, tag);
}

}  // namespace loupe::widgets
