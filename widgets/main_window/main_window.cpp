#include "widgets/main_window/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoView>

#include <algorithm>
#include <exception>

#include "core/domain/class_order.h"
#include "storage/project.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/browser/thumbnail_cache.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/classes/class_panel.h"
#include "widgets/commands/class_commands.h"
#include "widgets/commands/item_commands.h"
#include "widgets/item_panel/item_panel.h"
#include "widgets/main_window/box_list_dock.h"
#include "widgets/main_window/canvas_view_actions.h"
#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/labeler_dialog.h"
#include "widgets/main_window/project_docks.h"
#include "widgets/main_window/shortcut_sheet.h"
#include "widgets/main_window/theme.h"
#include "widgets/main_window/window_layout.h"
#include "widgets/session/project_settings.h"
#include "widgets/session/workspace.h"
#include "widgets/transfer/file_actions.h"

namespace loupe::widgets {

namespace {
constexpr int kThumbEdge = 48;
constexpr int kRecentMax = 8;
const char* kRecentKey = "recentProjects";
const char* kGeometryKey = "mainWindow/geometry";
const char* kStateKey = "mainWindow/state";
constexpr int kStateVersion = 1;

QString labelerKey(const QString& projectPath) { return projectSettingsKey(QStringLiteral("lastLabeler"), projectPath); }
// Where this labeler left off in this project.
QString lastItemKey(const storage::Project& p, const Labeler& l) {
  return projectSettingsKey(QStringLiteral("lastItem"), p.path(), QString::fromStdString(l.name));
}

// A toolbar stand-in for the undo stack's action: a fixed short text, so a long command name
// ("Undo Capture a frame as Pullover") neither reflows the toolbar nor pushes buttons off it;
// the menu keeps the stack's action with the full text, and the tooltip here tells it.
QAction* toolbarProxy(QAction* full, const QString& text, QObject* parent) {
  auto* a = new QAction(text, parent);
  a->setObjectName(QStringLiteral("toolbar_") + full->objectName());
  auto sync = [a, full] {
    a->setEnabled(full->isEnabled());
    a->setToolTip(QString(full->text()).remove(QLatin1Char('&')));
  };
  QObject::connect(full, &QAction::changed, a, sync);
  QObject::connect(a, &QAction::triggered, full, &QAction::trigger);
  sync();
  return a;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), ws_(new Workspace(this)) {
  setObjectName("loupeMainWindow");
  setDockNestingEnabled(true);

  canvas_ = new CanvasView(this);
  setCentralWidget(canvas_);
  controller_ = new CanvasController(ws_, canvas_, this);

  model_ = new ItemListModel(this);
  thumbnails_ = new ThumbnailCache(kThumbEdge, 2000, this);
  model_->setThumbnails(thumbnails_);
  browser_ = new BrowserPanel(model_, kThumbEdge, this);
  classes_ = new ClassPanel(this);
  itemPanel_ = new ItemPanel(this);

  browserRefresh_ = new QTimer(this);
  browserRefresh_->setSingleShot(true);
  browserRefresh_->setInterval(300);  // one browser refresh for a burst of edits
  connect(browserRefresh_, &QTimer::timeout, this, [this] {
    model_->refreshRows();
    // Rows may have come or gone above the current item: keep it highlighted, not scrolled to.
    browser_->showRow(currentRow(), false);
    updatePosition();
  });
  filtersRefresh_ = new QTimer(this);
  filtersRefresh_->setSingleShot(true);
  filtersRefresh_->setInterval(500);
  connect(filtersRefresh_, &QTimer::timeout, this, &MainWindow::refreshFilters);

  buildActions();
  buildMenus();
  addPanel(browser_, tr("Dataset"), dock_names::kDataset, Qt::LeftDockWidgetArea);
  addPanel(classes_, tr("Classes"), dock_names::kClasses, Qt::RightDockWidgetArea);
  QDockWidget* itemDock = addPanel(itemPanel_, tr("Item"), dock_names::kItem, Qt::RightDockWidgetArea);
  auto* history = new QUndoView(ws_->undoStack(), this);
  history->setEmptyLabel(tr("Opened project"));
  QDockWidget* historyDock = addPanel(history, tr("History"), dock_names::kHistory, Qt::RightDockWidgetArea);
  tabifyDockWidget(itemDock, historyDock);
  itemDock->raise();
  docks_ = new ProjectDocks(this);
  boxList_ = new BoxListDock(this);
  layout_ = new WindowLayout(this);
  layout_->arrange();
  new CanvasViewActions(this, viewMenu_);
  layout_->addViewActions(viewMenu_);
  addThemeMenu(viewMenu_);
  buildStatusBar();

  // ---- workspace -> views --------------------------------------------------------------------
  connect(ws_, &Workspace::projectChanged, this, [this] {
    thumbnails_->clear();
    bindBrowser();
    refreshClasses();
    refreshLabelerMenus();
    updateTitle();
  });
  connect(ws_, &Workspace::labelerChanged, this, [this](const Labeler& l) {
    labelerChip_->setText(l.id ? QString::fromStdString(l.name) : tr("no labeler"));
    refreshLabelerMenus();
    applyFilter();
    updateTitle();
  });
  connect(ws_, &Workspace::currentItemChanged, this, [this] {
    if (const Id id = ws_->currentItem(); id && ws_->hasProject())
      QSettings().setValue(lastItemKey(ws_->project(), ws_->labeler()), QVariant::fromValue<qint64>(id));
    syncBrowserRow();
    refreshItemPanel();
    updatePosition();
    canvas_->setFocus();
  });
  connect(ws_, &Workspace::itemChanged, this, [this](Id id) {
    if (id == ws_->currentItem()) refreshItemPanel();
    scheduleBrowserRefresh();
    filtersRefresh_->start();  // a new attribute value joins the attribute filter
  });
  connect(ws_, &Workspace::annotationChanged, this, &MainWindow::scheduleBrowserRefresh);
  connect(ws_, &Workspace::annotationRemoved, this, &MainWindow::scheduleBrowserRefresh);
  connect(ws_, &Workspace::classesChanged, this, &MainWindow::refreshClasses);
  connect(ws_, &Workspace::activeClassChanged, classes_, &ClassPanel::setActiveClass);
  connect(ws_, &Workspace::itemsFilterRequested, this, &MainWindow::showItemFilter);
  // Every edit tells the workspace what changed, but not every change names the rows it moves
  // (a class merge, a consensus): any step of the stack also refreshes the browser's rows, once
  // for a burst (the refresh is debounced).
  connect(ws_->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::scheduleBrowserRefresh);
  connect(ws_, &Workspace::changedOutside, this, &MainWindow::reloadFromFile);
  connect(ws_, &Workspace::errorOccurred, this, [this](const QString& m) {
    statusBar()->showMessage(m, 8000);
  });
  connect(controller_, &CanvasController::message, this, [this](const QString& m) { statusBar()->showMessage(m, 4000); });
  connect(controller_, &CanvasController::imageLabelChanged, this, [this](Id c) {
    classes_->setImageLabel(c);
    scheduleBrowserRefresh();
  });
  connect(controller_, &CanvasController::otherImageLabelsChanged, classes_, &ClassPanel::setOtherImageLabels);
  connect(controller_, &CanvasController::boxCountChanged, this, [this](int n) { boxes_->setText(tr("%n box(es)", "", n)); });
  connect(canvas_, &CanvasView::navigateRequested, this, &MainWindow::step);
  connect(canvas_, &CanvasView::zoomChanged, this, [this](double z) { zoom_->setText(QStringLiteral("%1%").arg(qRound(z * 100))); });
  connect(canvas_, &CanvasView::cursorMoved, this, [this](const QPointF& p) {
    cursor_->setText(QStringLiteral("%1, %2").arg(qFloor(p.x())).arg(qFloor(p.y())));
  });

  // ---- panels -> commands --------------------------------------------------------------------
  connect(browser_, &BrowserPanel::itemActivated, ws_, &Workspace::setCurrentItem);
  connect(browser_, &BrowserPanel::filterChanged, this, [this] {
    idFilter_.clear();
    applyFilter();
  });
  connect(classes_, &ClassPanel::activeClassChosen, ws_, &Workspace::setActiveClass);
  connect(classes_, &ClassPanel::imageLabelChosen, controller_, &CanvasController::setImageLabel);
  connect(classes_, &ClassPanel::addRequested, this, [this](const QString& name, const QString& color) {
    if (ws_->hasProject()) ws_->run(new AddClassCommand(ws_, name.toStdString(), color.toStdString()));
  });
  connect(classes_, &ClassPanel::renameRequested, this, [this](Id id, const QString& name) {
    ws_->run(new EditClassCommand(ws_, id, EditClassCommand::Field::Name, name.toStdString()));
  });
  connect(classes_, &ClassPanel::recolorRequested, this, [this](Id id, const QString& color) {
    ws_->run(new EditClassCommand(ws_, id, EditClassCommand::Field::Color, color.toStdString()));
  });
  connect(classes_, &ClassPanel::hotkeyRequested, this, [this](Id id, const QString& key) {
    ws_->run(new SetClassHotkeyCommand(ws_, id, key.toStdString()));
  });
  connect(classes_, &ClassPanel::moveRequested, this, [this](Id id, int position) {
    std::vector<Id> order;
    for (const ClassDef& c : ws_->project().classes().all()) order.push_back(c.id);
    if (auto moved = moveClass(std::move(order), id, position)) ws_->run(new ReorderClassesCommand(ws_, std::move(*moved)));
  });
  connect(itemPanel_, &ItemPanel::splitRequested, this, [this](Id item, Split s) { ws_->run(setSplitCommand(ws_, item, s)); });
  connect(itemPanel_, &ItemPanel::groupKeyRequested, this, [this](Id item, const QString& key) {
    ws_->run(setGroupKeyCommand(ws_, item, key.toStdString()));
  });
  connect(itemPanel_, &ItemPanel::reviewedRequested, this, [this](Id item, bool on) {
    ws_->run(setReviewedCommand(ws_, item, on));
  });
  connect(itemPanel_, &ItemPanel::attributeRequested, this, [this](Id item, const QString& k, const QString& v) {
    ws_->run(new SetAttributeCommand(ws_, item, k.toStdString(), v.toStdString()));
  });
  connect(itemPanel_, &ItemPanel::attributeRemovalRequested, this, [this](Id item, const QString& k) {
    ws_->run(new SetAttributeCommand(ws_, item, k.toStdString(), std::nullopt));
  });

  resize(1440, 900);
  updateTitle();
  controller_->reload();
}

MainWindow::~MainWindow() {
  // Docked panels hold the Project: close it while they and this window are still whole.
  disconnect(ws_->undoStack(), nullptr, this, nullptr);
  ws_->closeProject();
  // The model's data source and the canvas refer to the project: unbind before it goes.
  model_->setSource({}, {});
  thumbnails_->setFetch({});
}

QAction* MainWindow::action(const QString& objectName) const { return findChild<QAction*>(objectName); }

void MainWindow::buildActions() {
  auto make = [this](const char* name, const QString& text, const QList<QKeySequence>& keys, auto slot) {
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcuts(keys);
    // Window-wide, so the keys work wherever focus is (text fields still get their typing first).
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    return a;
  };
  // File > New Project…, Import…, Export… (`loupe new` / `import` / `export`).
  new FileActions(this, ws_, [this](const QString& path) { return openProject(path); });
  make("openProject", tr("&Open Project…"), {QKeySequence::Open}, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), {}, tr("Loupe projects (*.loupe);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
  });
  make("quit", tr("&Quit"), {QKeySequence::Quit}, [this] { close(); });

  // The stack's own actions keep text and enabled state; triggering goes through the workspace,
  // which turns a command that throws (a docked panel's edit whose rows another process changed)
  // into a status-bar message instead of an exception through the event loop.
  QAction* undo = ws_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setObjectName("undo");
  undo->setShortcuts({QKeySequence::Undo});
  disconnect(undo, &QAction::triggered, ws_->undoStack(), nullptr);
  connect(undo, &QAction::triggered, ws_, &Workspace::undo);
  addAction(undo);
  QAction* redo = ws_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setObjectName("redo");
  disconnect(redo, &QAction::triggered, ws_->undoStack(), nullptr);
  connect(redo, &QAction::triggered, ws_, &Workspace::redo);
  redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
  addAction(redo);

  make("nextItem", tr("&Next item"), {QKeySequence(Qt::Key_D)}, [this] { step(1); });
  make("previousItem", tr("&Previous item"), {QKeySequence(Qt::Key_A)}, [this] { step(-1); });
  make("nextUnlabeled", tr("Next &unlabeled item"), {QKeySequence(Qt::Key_N)}, [this] { nextUnlabeled(); });
  make("uncertaintyOrder", tr("Unlabeled items: most u&ncertain first"), {}, [](bool) {})->setCheckable(true);
  make("markReviewed", tr("Mark &reviewed / not reviewed"), {QKeySequence(Qt::Key_R)}, [this] { toggleReviewed(); });
  make("copyPrevious", tr("&Copy boxes from previous item"), {QKeySequence(Qt::Key_P)}, [this] { copyBoxesFromPrevious(); });
  make("hideSelected", tr("&Hide selected boxes"), {QKeySequence(Qt::Key_H)}, [this] { controller_->hideSelected(); });
  make("showAll", tr("&Show all boxes"), {QKeySequence(Qt::SHIFT | Qt::Key_H)}, [this] { controller_->showAllBoxes(); });
  make("lockSelected", tr("&Lock / unlock selected boxes"), {QKeySequence(Qt::Key_L)}, [this] { controller_->toggleLockSelected(); });
  // A text field with focus claims Ctrl+A for its own text first (ShortcutOverride).
  make("selectAllBoxes", tr("Select &all boxes"), {QKeySequence::SelectAll}, [this] { controller_->selectAllBoxes(); });
  make("fit", tr("&Fit image"), {QKeySequence(Qt::Key_F)}, [this] { canvas_->fitToWindow(); });
  make("actualSize", tr("&Actual size (1:1)"), {QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::Key_0)},
       [this] { canvas_->actualSize(); });
  QAction* cross = make("crosshair", tr("&Crosshair"), {QKeySequence(Qt::Key_X)}, [this](bool on) { canvas_->setCrosshairVisible(on); });
  cross->setCheckable(true);
  cross->setChecked(true);
  QAction* mode = make("classificationMode", tr("Image-label &mode"), {QKeySequence(Qt::Key_M)},
                       [this](bool on) { controller_->setClassificationMode(on); });
  mode->setCheckable(true);
  make("switchLabeler", tr("Switch &labeler…"), {}, [this] { switchLabeler(); });
  make("shortcuts", tr("&Keyboard shortcuts"), {QKeySequence(Qt::Key_F1)}, [this] { showShortcuts(); });
  make("showAllItems", tr("Show &all items"), {}, [this] {
    idFilter_.clear();
    applyFilter();
  });
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(action("newProject"));
  file->addAction(action("openProject"));
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  rebuildRecentMenu();
  file->addSeparator();
  file->addAction(action("importData"));
  file->addAction(action("exportData"));
  file->addSeparator();
  file->addAction(action("switchLabeler"));
  file->addSeparator();
  file->addAction(action("quit"));

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->setObjectName("editMenu");  // docks add their actions (shadow mode)
  edit->addAction(action("undo"));
  edit->addAction(action("redo"));
  edit->addSeparator();
  edit->addAction(action("copyPrevious"));
  edit->addAction(action("hideSelected"));
  edit->addAction(action("showAll"));
  edit->addAction(action("lockSelected"));
  edit->addAction(action("selectAllBoxes"));
  edit->addSeparator();
  edit->addAction(action("classificationMode"));

  QMenu* view = viewMenu_ = menuBar()->addMenu(tr("&View"));
  view->addAction(action("fit"));
  view->addAction(action("actualSize"));
  view->addAction(action("crosshair"));
  overlaysMenu_ = view->addMenu(tr("Other &labelers' boxes"));
  panelsMenu_ = view->addMenu(tr("&Panels"));

  QMenu* go = menuBar()->addMenu(tr("&Go"));
  go->addAction(action("nextItem"));
  go->addAction(action("previousItem"));
  go->addAction(action("nextUnlabeled"));
  go->addAction(action("uncertaintyOrder"));
  go->addAction(action("markReviewed"));
  go->addSeparator();
  go->addAction(action("showAllItems"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(action("shortcuts"));

  auto* bar = addToolBar(tr("Labeling"));
  bar->setObjectName("toolbar_labeling");
  bar->setMovable(false);
  bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  // Short texts on the bar only (menus and tooltips keep the full ones), so every button fits a
  // 1280-px wide window.
  action("openProject")->setIconText(tr("Open"));
  action("previousItem")->setIconText(tr("Previous"));
  action("nextItem")->setIconText(tr("Next"));
  action("nextUnlabeled")->setIconText(tr("Unlabeled"));
  action("markReviewed")->setIconText(tr("Reviewed"));
  action("copyPrevious")->setIconText(tr("Copy previous"));
  action("classificationMode")->setIconText(tr("Image labels"));
  action("actualSize")->setIconText(tr("1:1"));
  bar->addAction(action("openProject"));
  bar->addAction(toolbarProxy(action("undo"), tr("Undo"), this));
  bar->addAction(toolbarProxy(action("redo"), tr("Redo"), this));
  bar->addSeparator();
  for (const char* name : {"previousItem", "nextItem", "nextUnlabeled", "markReviewed"}) bar->addAction(action(name));
  bar->addSeparator();
  for (const char* name : {"copyPrevious", "classificationMode"}) bar->addAction(action(name));
  bar->addSeparator();
  for (const char* name : {"fit", "actualSize", "crosshair"}) bar->addAction(action(name));
}

void MainWindow::buildStatusBar() {
  labelerChip_ = new QLabel(tr("no labeler"), this);
  labelerChip_->setObjectName("labelerChip");
  labelerChip_->setToolTip(tr("Every edit is attributed to this labeler (File > Switch labeler)"));
  position_ = new QLabel(this);
  boxes_ = new QLabel(this);
  zoom_ = new QLabel(this);
  cursor_ = new QLabel(this);
  cursor_->setObjectName("cursorReadout");
  cursor_->setMinimumWidth(80);
  statusBar()->addPermanentWidget(boxes_);
  statusBar()->addPermanentWidget(position_);
  statusBar()->addPermanentWidget(cursor_);
  statusBar()->addPermanentWidget(zoom_);
  statusBar()->addPermanentWidget(labelerChip_);
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, const char* objectName,
                                  Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  // The object name keys the dock in saveState/restoreState: fixed, so a translated title
  // neither breaks the lookup nor loses the saved layout.
  dock->setObjectName(QString::fromLatin1(objectName));
  dock->setWidget(panel);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetFloatable);
  addDockWidget(area, dock);
  if (panelsMenu_) panelsMenu_->addAction(dock->toggleViewAction());
  if (layoutRestored_) restoreDockWidget(dock);
  return dock;
}

// ---- project ---------------------------------------------------------------------------------

bool MainWindow::openProject(const QString& path, const QString& labelerName) {
  try {
    ws_->setProject(storage::Project::open(path.toStdString()));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot open project"), QString::fromUtf8(e.what()));
    return false;
  }
  uncertainty_ = {};  // its ranking holds the previous project's item ids
  rememberRecent(path);
  if (!chooseLabeler(labelerName)) {
    ws_->closeProject();
    return false;
  }
  const storage::ProjectStats stats = ws_->project().stats();
  // A project of image labels only (e.g. the demo) opens in image-label mode.
  const bool classification = stats.imageLabels > 0 && stats.boxes == 0;
  action("classificationMode")->setChecked(classification);
  controller_->setClassificationMode(classification);
  // Where this labeler left off, if that item is still in the list; else the first item.
  const Id last = QSettings().value(lastItemKey(ws_->project(), ws_->labeler())).toLongLong();
  if (last && ws_->project().items().byId(last) && ws_->project().items().rowOf(filter_, last)) ws_->setCurrentItem(last);
  else if (model_->rowCount() > 0) goToRow(0);
  // Last, so that opening the first item does not replace it.
  if (ws_->project().isReadOnly())
    statusBar()->showMessage(tr("Opened read-only: the file or its folder cannot be written. Edits are off."));
  return true;
}

bool MainWindow::chooseLabeler(const QString& requested) {
  storage::Project& p = ws_->project();
  QSettings settings;
  const QString key = labelerKey(QString::fromStdString(p.path().string()));
  QString name = requested.trimmed();
  if (name.isEmpty()) {
    LabelerDialog dialog(p.labelers().all(), settings.value(key, qEnvironmentVariable("USER")).toString(), this);
    if (dialog.exec() != QDialog::Accepted) return false;
    name = dialog.name();
  }
  if (p.isReadOnly()) {
    // Nothing can be written, not even a new labeler: view as the named one if it exists, else
    // as nobody (id 0 owns no rows, so every labeler's work shows as someone else's).
    Labeler viewer{0, name.toStdString(), LabelerKind::Human};
    for (const Labeler& l : p.labelers().all())
      if (l.name == viewer.name) viewer = l;
    ws_->setLabeler(viewer);
    return true;
  }
  try {
    ws_->setLabeler(p.labelers().ensure(name.toStdString(), LabelerKind::Human));
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Cannot use this labeler"), QString::fromUtf8(e.what()));
    return false;
  }
  settings.setValue(key, name);
  return true;
}

void MainWindow::switchLabeler() {
  if (!ws_->hasProject()) return;
  const Id item = ws_->currentItem();
  if (chooseLabeler({})) {
    ws_->undoStack()->clear();  // edits stay attributed to whoever made them
    ws_->setCurrentItem(0);
    ws_->setCurrentItem(item);
  }
}

QStringList MainWindow::recentProjects() const { return QSettings().value(kRecentKey).toStringList(); }

void MainWindow::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent.removeAll(abs);
  recent.prepend(abs);
  while (recent.size() > kRecentMax) recent.removeLast();
  settings.setValue(kRecentKey, recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = recentProjects();
  for (const QString& path : recent) {
    QAction* a = recentMenu_->addAction(QFileInfo(path).fileName());
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] { openProject(path); });
  }
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle() {
  if (!ws_->hasProject()) {
    setWindowTitle(tr("Loupe"));
    return;
  }
  const QString file = QFileInfo(QString::fromStdString(ws_->project().path().string())).fileName();
  const QString labeler = QString::fromStdString(ws_->labeler().name);
  if (ws_->project().isReadOnly())
    setWindowTitle(tr("%1 [read-only] — %2 — Loupe").arg(file, labeler));
  else
    setWindowTitle(tr("%1 — %2 — Loupe").arg(file, labeler));
}

// ---- browser ---------------------------------------------------------------------------------

void MainWindow::bindBrowser() {
  if (!ws_->hasProject()) {
    model_->setSource({}, {});
    thumbnails_->setFetch({});
    browser_->setTotal(0);
    return;
  }
  thumbnails_->setFetch([ws = ws_](Id id) -> std::optional<MediaSource> {
    if (!ws->hasProject()) return std::nullopt;
    try {
      const auto item = ws->project().items().byId(id);
      auto media = ws->project().items().media(id);
      if (!item || !media) return std::nullopt;
      return MediaSource{std::move(media->bytes), media->format, item->item.width, item->item.height};
    } catch (const std::exception&) {
      return std::nullopt;  // missing external file: the row shows no thumbnail
    }
  });
  refreshFilters();
  applyFilter();
}

void MainWindow::refreshFilters() {
  if (!ws_->hasProject()) return;
  browser_->setClasses(ws_->project().classes().all());
  browser_->setLabelers(ws_->project().labelers().all());
  std::vector<std::pair<std::string, std::vector<std::string>>> attrs;
  for (const std::string& key : ws_->project().attributes().keys()) {
    std::vector<std::string> values;
    for (const auto& [value, count] : ws_->project().attributes().valueCounts(key)) values.push_back(value);
    if (values.size() <= 50) attrs.emplace_back(key, std::move(values));  // free-text keys make no useful menu
  }
  browser_->setAttributes(attrs);
}

void MainWindow::applyFilter() {
  if (!ws_->hasProject()) return;
  filter_ = browser_->filter();
  if (filter_.unlabeled && !filter_.labelerId) filter_.labelerId = ws_->labeler().id;
  auto toRows = [](const std::vector<storage::BrowserItemRow>& records) {
    std::vector<BrowserRow> rows;
    rows.reserve(records.size());
    for (const storage::BrowserItemRow& r : records)
      rows.push_back({r.id, QString::fromStdString(r.name), r.split, r.reviewed, r.boxes, QString::fromStdString(r.imageLabel)});
    return rows;
  };
  if (!idFilter_.isEmpty()) {
    const std::vector<Id> ids(idFilter_.begin(), idFilter_.end());
    model_->setSource([n = static_cast<std::int64_t>(ids.size())] { return n; },
                      [ws = ws_, ids, toRows](std::int64_t offset, std::int64_t limit) {
                        if (!ws->hasProject() || offset >= static_cast<std::int64_t>(ids.size())) return std::vector<BrowserRow>{};
                        const auto end = std::min<std::int64_t>(offset + limit, static_cast<std::int64_t>(ids.size()));
                        return toRows(ws->project().reads().browserRowsOf(std::vector<Id>(ids.begin() + offset, ids.begin() + end),
                                                                  ws->labeler().id));
                      });
  } else {
    model_->setSource([ws = ws_, f = filter_] { return ws->hasProject() ? ws->project().items().count(f) : 0; },
                      [ws = ws_, f = filter_, toRows](std::int64_t offset, std::int64_t limit) {
                        if (!ws->hasProject()) return std::vector<BrowserRow>{};
                        return toRows(ws->project().reads().browserRows(f, offset, limit, ws->labeler().id));
                      });
  }
  browser_->setTotal(ws_->project().items().count({}));
  syncBrowserRow();
  updatePosition();
}

void MainWindow::showItemFilter(const QList<Id>& ids) {
  idFilter_ = ids;
  applyFilter();
  statusBar()->showMessage(tr("Showing %n item(s) picked by a panel (Go > Show all items to go back)", "", static_cast<int>(ids.size())), 6000);
  if (!ids.isEmpty()) goToRow(0);
}

void MainWindow::scheduleBrowserRefresh() { browserRefresh_->start(); }

void MainWindow::reloadFromFile() {
  // Another process committed (an import, another labeler): show the file as it is now, but keep
  // the labeler's place — current item, browser scroll, canvas zoom and selection, undo stack.
  if (!ws_->hasProject()) return;
  if (const Id id = ws_->currentItem(); id && !ws_->project().items().byId(id)) {
    statusBar()->showMessage(tr("The item on screen was removed by another process"), 8000);
    ws_->setCurrentItem(0);
  }
  const QWidget* focus = QApplication::focusWidget();
  if (!classes_->isAncestorOf(focus)) refreshClasses();  // never under a rename being typed
  refreshLabelerMenus();
  refreshFilters();
  QScrollBar* scroll = browser_->list()->verticalScrollBar();
  const int scrolled = scroll->value();
  model_->refreshRows();
  browser_->setTotal(ws_->project().items().count({}));
  browser_->showRow(currentRow(), false);
  scroll->setValue(scrolled);
  updatePosition();
  if (!itemPanel_->isAncestorOf(focus)) refreshItemPanel();
  docks_->reloadFromFile();
}

int MainWindow::currentRow() const {
  const Id id = ws_->currentItem();
  if (!id || !ws_->hasProject()) return -1;
  const int cached = model_->cachedRowOf(id);
  if (cached >= 0) return cached;
  if (!idFilter_.isEmpty()) return static_cast<int>(idFilter_.indexOf(id));
  const auto row = ws_->project().items().rowOf(filter_, id);
  return row ? static_cast<int>(*row) : -1;
}

void MainWindow::syncBrowserRow() { browser_->showRow(currentRow()); }

void MainWindow::goToRow(int row) {
  const auto r = model_->rowAt(row);
  if (r) ws_->setCurrentItem(r->id);
}

void MainWindow::step(int delta) {
  if (!ws_->hasProject() || model_->rowCount() == 0) return;
  const int row = currentRow();
  const int target = row < 0 ? 0 : row + delta;
  if (target < 0 || target >= model_->rowCount()) {
    statusBar()->showMessage(delta > 0 ? tr("Last item") : tr("First item"), 2000);
    return;
  }
  goToRow(target);
}

void MainWindow::nextUnlabeled() {
  if (!ws_->hasProject()) return;
  if (action("uncertaintyOrder")->isChecked()) {
    try {
      const auto next = uncertainty_.next(ws_->project(), ws_->labeler().id, filter_, ws_->currentItem(),
                                          std::vector<Id>(idFilter_.begin(), idFilter_.end()));
      if (!next) {
        statusBar()->showMessage(tr("Every item in this list is labeled by you"), 4000);
        return;
      }
      ws_->setCurrentItem(next->itemId);
      statusBar()->showMessage(tr("Most uncertain for %1: %2")
                                   .arg(QString::fromStdString(uncertainty_.model()))
                                   .arg(next->score, 0, 'f', 3),
                               4000);
      return;
    } catch (const std::invalid_argument& e) {
      statusBar()->showMessage(tr("%1; going in list order").arg(QString::fromStdString(e.what())), 4000);
    }
  }
  const auto next = ws_->project().reads().nextUnlabeled(filter_, ws_->labeler().id, ws_->currentItem(),
                                                     std::vector<Id>(idFilter_.begin(), idFilter_.end()));
  if (!next) {
    statusBar()->showMessage(tr("Every item in this list is labeled by you"), 4000);
    return;
  }
  ws_->setCurrentItem(*next);
}

void MainWindow::toggleReviewed() {
  const Id id = ws_->currentItem();
  if (!ws_->hasProject() || !id) return;
  const auto record = ws_->project().items().byId(id);
  if (record) ws_->run(setReviewedCommand(ws_, id, !record->reviewed));
}

void MainWindow::copyBoxesFromPrevious() {
  const int row = currentRow();
  if (row <= 0) {
    statusBar()->showMessage(tr("There is no previous item"), 3000);
    return;
  }
  if (const auto prev = model_->rowAt(row - 1)) controller_->copyBoxesFrom(prev->id);
}

void MainWindow::showShortcuts() {
  ShortcutSheet sheet(actions(), this);
  sheet.exec();
}

// ---- panels ----------------------------------------------------------------------------------

void MainWindow::refreshItemPanel() {
  const Id id = ws_->currentItem();
  if (!ws_->hasProject() || !id) {
    itemPanel_->clear();
    return;
  }
  const auto record = ws_->project().items().byId(id);
  if (!record) {
    itemPanel_->clear();
    return;
  }
  itemPanel_->showItem({record->item, record->reviewed, ws_->project().attributes().of(id)});
}

void MainWindow::refreshClasses() {
  if (!ws_->hasProject()) {
    classes_->setClasses({});
    return;
  }
  const auto classes = ws_->project().classes().all();
  classes_->setClasses(classes);
  classes_->setActiveClass(ws_->activeClass());
  browser_->setClasses(classes);
}

void MainWindow::refreshLabelerMenus() {
  overlaysMenu_->clear();
  if (!ws_->hasProject()) return;
  const auto labelers = ws_->project().labelers().all();
  browser_->setLabelers(labelers);
  for (const Labeler& l : labelers) {
    if (l.id == ws_->labeler().id) continue;
    QAction* a = overlaysMenu_->addAction(QStringLiteral("%1 (%2)").arg(QString::fromStdString(l.name),
                                                                         QString::fromUtf8(toString(l.kind).data())));
    a->setObjectName(QStringLiteral("overlay_%1").arg(l.id));
    a->setCheckable(true);
    a->setChecked(controller_->visibleOverlays().contains(l.id));
    connect(a, &QAction::toggled, this, [this, id = l.id](bool on) { controller_->setOverlayVisible(id, on); });
  }
  overlaysMenu_->setEnabled(!overlaysMenu_->isEmpty());
}

void MainWindow::updatePosition() {
  const int row = currentRow();
  position_->setText(row < 0 ? tr("%n item(s)", "", model_->rowCount())
                             : tr("%1 / %2").arg(QLocale().toString(row + 1), QLocale().toString(model_->rowCount())));
}

// ---- window state ----------------------------------------------------------------------------

void MainWindow::showEvent(QShowEvent* e) {
  QMainWindow::showEvent(e);
  if (layoutRestored_) return;
  layoutRestored_ = true;
  // Restored on first show, after every panel (including ones docked by others) exists.
  QSettings settings;
  restoreGeometry(settings.value(kGeometryKey).toByteArray());
  if (!restoreState(settings.value(kStateKey).toByteArray(), kStateVersion)) layout_->applyDefaultSizes();
}

void MainWindow::saveLayout() {
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState(kStateVersion));
}

void MainWindow::closeEvent(QCloseEvent* e) {
  // Nothing to save: every edit is already committed. Only the layout is remembered.
  saveLayout();
  QMainWindow::closeEvent(e);
}

}  // namespace loupe::widgets
