#pragma once
// The main window's first-start arrangement and the one-key collapse of the bottom docks.
// First start (no saved layout): one column on the left (Dataset over Classes over the
// Item / History / Boxes tabs) running the full height, the project docks tabbed under the
// canvas at a modest height, so the canvas gets most of the window. A saved layout wins.

#include <QList>
#include <QObject>
#include <QPointer>

class QDockWidget;
class QMenu;

namespace loupe::widgets {

class MainWindow;

class WindowLayout : public QObject {
  Q_OBJECT
 public:
  static constexpr int kSideWidth = 290;
  static constexpr int kBottomHeight = 170;

  explicit WindowLayout(MainWindow* window);

  // Places the docks (call once every panel exists; a restored state overrides it).
  void arrange();
  // Sizes the docks for the window's current size (first start only, when shown).
  void applyDefaultSizes();
  // View > "Collapse bottom panels" (Ctrl+J): hides the docked bottom panels, or brings back
  // the ones it hid with the same tab on top.
  void toggleBottomDocks();
  bool bottomCollapsed() const { return !collapsed_.isEmpty(); }
  QList<QDockWidget*> bottomDocks() const;
  void addViewActions(QMenu* view);

 private:
  QDockWidget* dock(const char* objectName) const;  // one of dock_names.h

  MainWindow* window_;
  QList<QPointer<QDockWidget>> collapsed_;
  QPointer<QDockWidget> raised_;
};

}  // namespace loupe::widgets
