#include "widgets/transfer/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>

#include "core/formats/registry.h"
#include "widgets/transfer/transfer_fields.h"

namespace loupe::widgets {

ExportDialog::ExportDialog(const QStringList& labelers, QWidget* parent)
    : QDialog(parent),
      format_(new QComboBox(this)),
      labeler_(new QComboBox(this)),
      note_(new QLabel(this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setObjectName("exportDialog");
  setWindowTitle(tr("Export"));
  fillFormats(format_, writableFormats());
  out_ = formatPathField("destination", format_, true, tr("Export to file"), tr("Export into folder"), this);
  labeler_->setObjectName("labeler");
  labeler_->addItem(tr("Every labeler"), QString());
  for (const QString& name : labelers) labeler_->addItem(name, name);
  note_->setObjectName("mediaNote");
  note_->setWordWrap(true);

  // This dialog's own rows; the import dialog's look alike but are its own fields. What both
  // share (format chooser, path field, OK/Cancel) lives in transfer_fields.
  auto* form = new QFormLayout(this);
  form->addRow(tr("Format"), format_);
  form->addRow(tr("Destination"), out_);
  form->addRow(tr("Annotations of"), labeler_);
  form->addRow(note_);
  addOkCancelRow(form, buttons_, this, out_);
  connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
  formatChanged();
}

void ExportDialog::formatChanged() {
  const QString f = format_->currentData().toString();
  if (f == "csv")
    note_->setText(tr("Labels only, no images; item attributes go to <name>.attributes.csv beside the file."));
  else if (formatIsFile(f))
    note_->setText(tr("One file, with the images' names and sizes."));
  else
    note_->setText(tr("A folder holding the images and their labels; an existing folder is replaced once the new one is complete."));
}

void ExportDialog::setFormat(const QString& format) { format_->setCurrentIndex(format_->findData(format)); }
void ExportDialog::setDestination(const QString& path) { out_->setPath(path); }
void ExportDialog::setLabeler(const QString& name) { labeler_->setCurrentIndex(std::max(0, labeler_->findData(name))); }

storage::ExportRequest ExportDialog::request() const {
  storage::ExportRequest r;
  r.format = format_->currentData().toString().toStdString();
  r.out = out_->path().toStdString();
  if (const QString l = labeler_->currentData().toString(); !l.isEmpty()) r.labeler = l.toStdString();
  return r;
}

}  // namespace loupe::widgets
