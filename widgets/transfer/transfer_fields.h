#pragma once
// Pieces the import and export dialogs share: the format chooser, a path field with its Browse
// button (a file or a folder, by format), the OK/Cancel row, and the names shown for each format.

#include <QString>
#include <QWidget>

#include <functional>
#include <string>
#include <vector>

class QComboBox;
class QDialog;
class QDialogButtonBox;
class QFormLayout;
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

// Fills the format chooser: each format under its title, its name as the item's data.
void fillFormats(QComboBox* format, const std::vector<std::string>& formats);

// The path field whose Browse… asks for a file or a folder as the chosen format reads or writes
// one (save: a file to write). Dialog titles: `fileTitle`, `folderTitle`.
PathField* formatPathField(const QString& objectName, const QComboBox* format, bool save, const QString& fileTitle,
                           const QString& folderTitle, QWidget* parent);

// Ends `form` with the OK/Cancel row, wired to accept/reject `dialog`; OK is enabled while `path`
// holds a path.
void addOkCancelRow(QFormLayout* form, QDialogButtonBox* buttons, QDialog* dialog, const PathField* path);

}  // namespace loupe::widgets
