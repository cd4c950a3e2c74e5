#include "widgets/main_window/labeler_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace loupe::widgets {

LabelerDialog::LabelerDialog(const std::vector<Labeler>& labelers, const QString& suggested, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Who is labeling?"));
  // The text field is the answer; the list only fills it in. (An editable combo box let its
  // current item overwrite the typed or remembered name on Return.)
  name_ = new QLineEdit(suggested, this);
  name_->selectAll();
  list_ = new QListWidget(this);
  for (const Labeler& l : labelers)
    if (l.kind == LabelerKind::Human) list_->addItem(QString::fromStdString(l.name));
  auto* hint = new QLabel(tr("Choose your name, or type a new one to join as a new labeler.\n"
                             "Your boxes and labels are kept apart from everybody else's."),
                          this);
  hint->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
  ok->setDefault(true);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(list_, &QListWidget::currentTextChanged, this, [this](const QString& text) {
    if (!text.isEmpty()) name_->setText(text);
  });
  connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    name_->setText(item->text());
    accept();
  });
  auto follow = [this, ok] {
    ok->setEnabled(!name().isEmpty());
    const auto matches = list_->findItems(name(), Qt::MatchExactly);
    const QSignalBlocker block(list_);
    list_->setCurrentItem(matches.isEmpty() ? nullptr : matches.front());
    if (matches.isEmpty()) list_->clearSelection();
  };
  connect(name_, &QLineEdit::textChanged, this, follow);
  follow();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint);
  layout->addWidget(name_);
  layout->addWidget(list_);
  layout->addWidget(buttons);
  name_->setFocus();
}

QString LabelerDialog::name() const { return name_->text().trimmed(); }

}  // namespace loupe::widgets
