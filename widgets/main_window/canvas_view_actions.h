#pragma once
// View-only canvas choices in the View menu: "Show classes" (only boxes of the checked classes
// are drawn; none checked = all) and "Hide box labels" (Shift+L), for images with many boxes.
// Nothing here is stored in the project.

#include <QObject>

class QAction;
class QMenu;

namespace loupe::widgets {

class MainWindow;

class CanvasViewActions : public QObject {
  Q_OBJECT
 public:
  CanvasViewActions(MainWindow* window, QMenu* view);
  QMenu* classFilterMenu() const { return classes_; }

 private:
  void rebuildClassMenu();
  void applyClassFilter();

  MainWindow* window_;
  QMenu* classes_;
  QAction* all_;
};

}  // namespace loupe::widgets
