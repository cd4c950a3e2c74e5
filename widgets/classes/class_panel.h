#pragma once
// The class manager dock: the project's classes with colour, hotkey and order; pick the active
// class (for the next box), add, rename, recolour, reorder and assign hotkeys. The panel only
// asks: the main window turns each request into an undoable command.

#include <QStringList>
#include <QWidget>

#include <vector>

#include "core/domain/types.h"

class QListWidget;
class QListWidgetItem;
class QLabel;
class QPushButton;
class QToolButton;

namespace loupe::widgets {

class ClassPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ClassPanel(QWidget* parent = nullptr);

  void setClasses(const std::vector<ClassDef>& classes);
  void setActiveClass(Id classId);
  Id activeClass() const { return active_; }
  // The image-level label of the current item by the current labeler (0 = none).
  void setImageLabel(Id classId);
  // Other labelers' image labels (only those the user chose to see).
  void setOtherImageLabels(const QStringList& labels);
  QListWidget* list() const { return list_; }

 signals:
  void activeClassChosen(loupe::Id classId);
  void imageLabelChosen(loupe::Id classId);  // 0 clears it
  void addRequested(const QString& name, const QString& color);
  void renameRequested(loupe::Id classId, const QString& name);
  void recolorRequested(loupe::Id classId, const QString& color);
  void moveRequested(loupe::Id classId, int newPosition);
  void hotkeyRequested(loupe::Id classId, const QString& hotkey);

 private:
  Id selectedClass() const;
  void askAdd();
  void askRename();
  void askRecolor();
  void askHotkey();
  void move(int delta);

  QListWidget* list_;
  QLabel* imageLabel_;
  QLabel* others_;
  QPushButton* setLabel_;
  QPushButton* clearLabel_;
  std::vector<ClassDef> classes_;
  Id active_ = 0;
  Id imageLabelClass_ = 0;
};

// A distinct colour for the n-th class (golden-angle hue steps).
QString defaultClassColor(int n);

}  // namespace loupe::widgets
