#pragma once
// File > Import…: what `loupe import` asks for — format, file or folder, the labeler (and its
// kind) of annotations the file attributes to nobody, the COCO images file of a results file, the
// IDX validation fraction, and whether to follow symbolic links out of the folder.

#include <QDialog>
#include <QStringList>

#include "storage/transfer/file_transfer.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;

namespace loupe::widgets {

class PathField;

class ImportDialog : public QDialog {
  Q_OBJECT
 public:
  // `labelers`: names offered in the labeler field (the project's).
  explicit ImportDialog(const QStringList& labelers, QWidget* parent = nullptr);

  void setFormat(const QString& format);
  void setPath(const QString& path);
  void setLabeler(const QString& name);
  void setFollowSymlinks(bool on);
  storage::ImportRequest request() const;

 private:
  void formatChanged();

  QComboBox* format_;
  PathField* path_;
  QComboBox* labeler_;
  QComboBox* kind_;
  PathField* cocoImages_;
  QDoubleSpinBox* valFraction_;
  QCheckBox* followSymlinks_;
  QDialogButtonBox* buttons_;
};

}  // namespace loupe::widgets
