#pragma once
// File > Export…: what `loupe export` asks for — format, destination (a file for coco/csv, a
// folder for yolo/voc) and optionally one labeler whose annotations alone are written. Media go
// with every format but csv, as in the CLI.

#include <QDialog>
#include <QStringList>

#include "storage/transfer/file_transfer.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;

namespace loupe::widgets {

class PathField;

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ExportDialog(const QStringList& labelers, QWidget* parent = nullptr);

  void setFormat(const QString& format);
  void setDestination(const QString& path);
  // Empty: every labeler's annotations.
  void setLabeler(const QString& name);
  storage::ExportRequest request() const;

 private:
  void formatChanged();

  QComboBox* format_;
  PathField* out_;
  QComboBox* labeler_;
  QLabel* note_;
  QDialogButtonBox* buttons_;
};

}  // namespace loupe::widgets
