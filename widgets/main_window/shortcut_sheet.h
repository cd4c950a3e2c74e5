#pragma once
// The F1 sheet: every keyboard shortcut of the labeling workspace on one page.

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>

class QAction;

namespace loupe::widgets {

class ShortcutSheet : public QDialog {
  Q_OBJECT

 public:
  // `actions` contribute their current shortcuts; the canvas's own keys are listed too.
  ShortcutSheet(const QList<QAction*>& actions, QWidget* parent = nullptr);

  // (keys, what it does) rows in display order; exposed for tests.
  QList<QPair<QString, QString>> rows() const { return rows_; }

 private:
  QList<QPair<QString, QString>> rows_;
};

}  // namespace loupe::widgets
