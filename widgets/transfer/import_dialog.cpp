#include "widgets/transfer/import_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLineEdit>

#include "core/formats/registry.h"
#include "widgets/transfer/transfer_fields.h"

namespace loupe::widgets {

ImportDialog::ImportDialog(const QStringList& labelers, QWidget* parent)
    : QDialog(parent),
      format_(new QComboBox(this)),
      labeler_(new QComboBox(this)),
      kind_(new QComboBox(this)),
      valFraction_(new QDoubleSpinBox(this)),
      followSymlinks_(new QCheckBox(tr("Follow symbolic links out of the folder"), this)),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setObjectName("importDialog");
  setWindowTitle(tr("Import"));
  fillFormats(format_, readableFormats());
  path_ = formatPathField("path", format_, false, tr("File to import"), tr("Folder to import"), this);
  labeler_->setObjectName("labeler");
  labeler_->setEditable(true);
  labeler_->addItems(labelers);
  labeler_->setCurrentIndex(-1);
  labeler_->setToolTip(tr("Labeler of the file's annotations when it names none (a CSV's labeler column wins)"));
  kind_->setObjectName("kind");
  kind_->setToolTip(tr("Kind of the labelers this import creates; existing labelers keep theirs"));
  for (const LabelerKind k : {LabelerKind::Human, LabelerKind::Model, LabelerKind::Reference})
    kind_->addItem(QString::fromUtf8(toString(k).data()), static_cast<int>(k));
  cocoImages_ = new PathField("cocoImages", [this](const QString& current) {
    return QFileDialog::getOpenFileName(this, tr("COCO file defining the images"), current);
  }, this);
  cocoImages_->setToolTip(tr("For a COCO results file (detections only): the COCO file defining its images and categories"));
  valFraction_->setObjectName("valFraction");
  valFraction_->setRange(0.0, 1.0);
  valFraction_->setSingleStep(0.05);
  valFraction_->setValue(0.1);
  followSymlinks_->setObjectName("followSymlinks");
  followSymlinks_->setToolTip(tr("Without it, a file a link leads to outside the dataset folder is refused, so a link "
                                 "cannot copy a file from elsewhere on the machine into the project"));

  auto* form = new QFormLayout(this);
  form->addRow(tr("Format"), format_);
  form->addRow(tr("File or folder"), path_);
  form->addRow(tr("Labeler"), labeler_);
  form->addRow(tr("Kind of new labelers"), kind_);
  form->addRow(tr("COCO images file"), cocoImages_);
  form->addRow(tr("Validation fraction (idx)"), valFraction_);
  form->addRow(followSymlinks_);
  addOkCancelRow(form, buttons_, this, path_);
  connect(format_, &QComboBox::currentIndexChanged, this, &ImportDialog::formatChanged);
  formatChanged();
}

void ImportDialog::formatChanged() {
  const std::string f = format_->currentData().toString().toStdString();
  labeler_->lineEdit()->setPlaceholderText(QString::fromStdString(storage::defaultImportLabeler(f)));
  kind_->setCurrentIndex(kind_->findData(static_cast<int>(storage::defaultImportKind(f))));
  cocoImages_->setEnabled(f == "coco");
  valFraction_->setEnabled(f == "idx");
}

void ImportDialog::setFormat(const QString& format) { format_->setCurrentIndex(format_->findData(format)); }
void ImportDialog::setPath(const QString& path) { path_->setPath(path); }
void ImportDialog::setLabeler(const QString& name) { labeler_->setEditText(name); }
void ImportDialog::setFollowSymlinks(bool on) { followSymlinks_->setChecked(on); }

storage::ImportRequest ImportDialog::request() const {
  storage::ImportRequest r;
  r.format = format_->currentData().toString().toStdString();
  r.path = path_->path().toStdString();
  r.labeler = labeler_->currentText().trimmed().toStdString();
  r.kind = static_cast<LabelerKind>(kind_->currentData().toInt());
  if (r.format == "coco") r.cocoImages = cocoImages_->path().toStdString();
  r.valFraction = valFraction_->value();
  r.followSymlinks = followSymlinks_->isChecked();
  return r;
}

}  // namespace loupe::widgets
