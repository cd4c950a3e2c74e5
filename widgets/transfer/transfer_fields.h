#pragma once
// Pieces the import and export dialogs share: a path field with its Browse button, and the names
// the dialogs show for each format.

#include <QString>
#include <QWidget>

#include <functional>

class QLineEdit;
class QPushButton;

namespace loupe::widgets {

// "COCO JSON (coco)" for "coco"; unknown names are shown as they are.
QString formatTitle(const QString& format);
// Whether the format reads or writes one file (coco, csv) rather than a folder.
bool formatIsFile(const QString& format);

// A line edit for a path and a Browse… button that asks `choose` for one (empty: keep).
class PathField : public QWidget {
  Q_OBJECT
 public:
  PathField(const QString& objectName, std::function<QString(const QString& current)> choose, QWidget* parent);
  QString path() const;
  void setPath(const QString& path);
  QLineEdit* edit() const { return edit_; }

 signals:
  void pathChanged();

 private:
  QLineEdit* edit_;
  QPushButton* browse_;
};

}  // namespace loupe::widgets
