#include "widgets/transfer/transfer_fields.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace loupe::widgets {

QString formatTitle(const QString& format) {
  if (format == "folder") return QObject::tr("Folder of images (folder)");
  if (format == "coco") return QObject::tr("COCO JSON (coco)");
  if (format == "yolo") return QObject::tr("YOLO folder with classes.txt (yolo)");
  if (format == "voc") return QObject::tr("Pascal VOC folder with Annotations/ (voc)");
  if (format == "csv") return QObject::tr("CSV (csv)");
  if (format == "idx") return QObject::tr("Fashion-MNIST IDX folder (idx)");
  if (format == "label-studio") return QObject::tr("Label Studio JSON (label-studio)");
  if (format == "cvat") return QObject::tr("CVAT for images 1.1 XML (cvat)");
  return format;
}

bool formatIsFile(const QString& format) {
  return format == "coco" || format == "csv" || format == "label-studio" || format == "cvat";
}

PathField::PathField(const QString& objectName, std::function<QString(const QString&)> choose, QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit(this)), browse_(new QPushButton(tr("Browse…"), this)) {
  edit_->setObjectName(objectName);
  browse_->setObjectName(objectName + "Browse");
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit_, 1);
  layout->addWidget(browse_);
  connect(edit_, &QLineEdit::textChanged, this, &PathField::pathChanged);
  connect(browse_, &QPushButton::clicked, this, [this, choose = std::move(choose)] {
    const QString chosen = choose(edit_->text());
    if (!chosen.isEmpty()) edit_->setText(chosen);
  });
}

QString PathField::path() const { return edit_->text().trimmed(); }
void PathField::setPath(const QString& path) { edit_->setText(path); }

void fillFormats(QComboBox* format, const std::vector<std::string>& formats) {
  format->setObjectName("format");
  for (const std::string& f : formats) format->addItem(formatTitle(QString::fromStdString(f)), QString::fromStdString(f));
}

PathField* formatPathField(const QString& objectName, const QComboBox* format, bool save, const QString& fileTitle,
                           const QString& folderTitle, QWidget* parent) {
  return new PathField(objectName, [=](const QString& current) {
    if (!formatIsFile(format->currentData().toString()))
      return QFileDialog::getExistingDirectory(parent, folderTitle, current);
    return save ? QFileDialog::getSaveFileName(parent, fileTitle, current)
                : QFileDialog::getOpenFileName(parent, fileTitle, current);
  }, parent);
}

void addOkCancelRow(QFormLayout* form, QDialogButtonBox* buttons, QDialog* dialog, const PathField* path) {
  form->addRow(buttons);
  QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
  const auto updateOk = [buttons, path] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!path->path().isEmpty()); };
  QObject::connect(path, &PathField::pathChanged, buttons, updateOk);
  updateOk();
}

}  // namespace loupe::widgets
