#include "widgets/main_window/labeler_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace loupe::widgets {

LabelerDialog::LabelerDialog(const std::vector<Labeler>& labelers, const QString& suggested, QWidget* parent)
    : QDialog(parent) {
  setWindowTitle(tr("Who is labeling?"));
  names_ = new QComboBox(this);
  names_->setEditable(true);
  names_->setInsertPolicy(QComboBox::NoInsert);
  for (const Labeler& l : labelers)
    if (l.kind == LabelerKind::Human) names_->addItem(QString::fromStdString(l.name));
  names_->setCurrentText(suggested);
  names_->lineEdit()->selectAll();
  auto* hint = new QLabel(tr("Choose your name, or type a new one to join as a new labeler.\n"
                             "Your boxes and labels are kept apart from everybody else's."),
                          this);
  hint->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto update = [buttons, this] {
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty());
  };
  connect(names_, &QComboBox::currentTextChanged, this, update);
  update();
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint);
  layout->addWidget(names_);
  layout->addWidget(buttons);
}

QString LabelerDialog::name() const { return names_->currentText().trimmed(); }

}  // namespace loupe::widgets
