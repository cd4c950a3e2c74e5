#pragma once
// Binds the "Boxes" panel (widgets/box_list/) to the main window: rows from the canvas's layer of
// the current labeler's boxes, selection mirrored both ways with the canvas, deletes through
// DeleteAnnotationsCommand on the shared undo stack.

#include <QObject>

class QDockWidget;
class QTimer;

namespace loupe::widgets {

class BoxListPanel;
class MainWindow;

class BoxListDock : public QObject {
  Q_OBJECT
 public:
  explicit BoxListDock(MainWindow* window);
  QDockWidget* dock() const { return dock_; }

 private:
  void refresh();

  MainWindow* window_;
  BoxListPanel* panel_;
  QDockWidget* dock_;
  QTimer* refresh_;
};

}  // namespace loupe::widgets
