#pragma once
// The labeling workspace window: browser (left), canvas (centre), classes and item panels
// (right), status bar with the current labeler always visible. Other panels (review, analysis,
// training, device) dock in with one call to addPanel() and reach the session via workspace().

#include <QMainWindow>
#include <QString>
#include <QStringList>

#include "core/domain/types.h"
#include "storage/active_learning/uncertainty_queue.h"
#include "storage/records.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTimer;
class QToolButton;

namespace loupe::widgets {

class BoxListDock;
class BrowserPanel;
class CanvasController;
class CanvasView;
class ClassPanel;
class ItemListModel;
class ItemPanel;
class ProjectDocks;
class ThumbnailCache;
class WindowLayout;
class Workspace;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Opens `path`. With an empty `labelerName` the user is asked who is labeling (the last name
  // used for this project is suggested); a new name creates a human labeler.
  // Returns false (after telling the user) when the file cannot be opened.
  bool openProject(const QString& path, const QString& labelerName = {});

  // Docks a panel; it is listed in View > Panels and its place is remembered between sessions
  // under `objectName` (one of widgets/main_window/dock_names.h: fixed, never translated).
  QDockWidget* addPanel(QWidget* panel, const QString& title, const char* objectName,
                        Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

  Workspace* workspace() const { return ws_; }
  CanvasView* canvas() const { return canvas_; }
  CanvasController* canvasController() const { return controller_; }
  BrowserPanel* browser() const { return browser_; }
  ItemListModel* itemModel() const { return model_; }
  ClassPanel* classPanel() const { return classes_; }
  ItemPanel* itemPanel() const { return itemPanel_; }
  // Review, analysis and training, rebuilt for each opened project.
  ProjectDocks* projectDocks() const { return docks_; }
  // The "Boxes" dock; the first-start arrangement and bottom-dock collapse.
  BoxListDock* boxList() const { return boxList_; }
  WindowLayout* windowLayout() const { return layout_; }
  QStringList recentProjects() const;
  QAction* action(const QString& objectName) const;

  // Re-reads the choices of the browser's filter menus (classes, labelers, attribute values).
  void refreshFilters();

  // Keyboard flow (also bound to actions).
  void goToRow(int row);
  void step(int delta);
  void nextUnlabeled();
  void toggleReviewed();
  void copyBoxesFromPrevious();
  void switchLabeler();
  void showShortcuts();

 protected:
  void closeEvent(QCloseEvent* e) override;
  void showEvent(QShowEvent* e) override;

 private:
  void buildActions();
  void buildMenus();
  void buildStatusBar();
  void bindBrowser();
  void applyFilter();
  void showItemFilter(const QList<Id>& ids);
  void syncBrowserRow();
  void refreshItemPanel();
  void refreshClasses();
  void refreshLabelerMenus();
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void updateTitle();
  void updatePosition();
  void scheduleBrowserRefresh();
  void reloadFromFile();
  bool chooseLabeler(const QString& requested);
  int currentRow() const;
  void saveLayout();

  Workspace* ws_;
  CanvasView* canvas_;
  CanvasController* controller_;
  ItemListModel* model_;
  ThumbnailCache* thumbnails_;
  BrowserPanel* browser_;
  ClassPanel* classes_;
  ItemPanel* itemPanel_;
  ProjectDocks* docks_ = nullptr;
  BoxListDock* boxList_ = nullptr;
  WindowLayout* layout_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QMenu* panelsMenu_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* overlaysMenu_ = nullptr;
  QLabel* labelerChip_ = nullptr;
  QLabel* position_ = nullptr;
  QLabel* zoom_ = nullptr;
  QLabel* cursor_ = nullptr;
  QLabel* boxes_ = nullptr;
  QTimer* browserRefresh_;
  QTimer* filtersRefresh_;
  storage::ItemFilter filter_;
  QList<Id> idFilter_;  // items a panel asked to show (empty: use filter_)
  storage::UncertaintyQueue uncertainty_;  // "next unlabeled" in the newest classifier's uncertainty order
  bool layoutRestored_ = false;
};

}  // namespace loupe::widgets
