#include "widgets/main_window/window_layout.h"

#include <QAction>
#include <QDockWidget>
#include <QMenu>

#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/main_window.h"

namespace loupe::widgets {

WindowLayout::WindowLayout(MainWindow* window) : QObject(window), window_(window) {
  // The side column runs the full height; the bottom panels sit under the canvas only.
  window_->setCorner(Qt::TopLeftCorner, Qt::LeftDockWidgetArea);
  window_->setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  window_->setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
  window_->setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
  auto* collapse = new QAction(tr("Collapse / expand &bottom panels"), window_);
  collapse->setObjectName("toggleBottomDocks");
  collapse->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
  collapse->setShortcutContext(Qt::WindowShortcut);
  connect(collapse, &QAction::triggered, this, &WindowLayout::toggleBottomDocks);
  window_->addAction(collapse);
}

QDockWidget* WindowLayout::dock(const char* objectName) const {
  return window_->findChild<QDockWidget*>(QString::fromLatin1(objectName));
}

void WindowLayout::arrange() {
  QDockWidget* dataset = dock(dock_names::kDataset);
  QDockWidget* classes = dock(dock_names::kClasses);
  QDockWidget* item = dock(dock_names::kItem);
  if (!dataset || !classes || !item) return;
  window_->addDockWidget(Qt::LeftDockWidgetArea, dataset);
  window_->splitDockWidget(dataset, classes, Qt::Vertical);
  window_->splitDockWidget(classes, item, Qt::Vertical);
  for (const char* name : {dock_names::kHistory, dock_names::kBoxes})
    if (QDockWidget* d = dock(name)) window_->tabifyDockWidget(item, d);
  item->raise();
}

void WindowLayout::applyDefaultSizes() {
  QList<QDockWidget*> side;
  for (const char* name : {dock_names::kDataset, dock_names::kClasses, dock_names::kItem})
    if (QDockWidget* d = dock(name)) side.push_back(d);
  if (side.size() != 3) return;
  const int h = window_->height();
  window_->resizeDocks(side, {kSideWidth, kSideWidth, kSideWidth}, Qt::Horizontal);
  window_->resizeDocks(side, {h * 45 / 100, h * 22 / 100, h * 33 / 100}, Qt::Vertical);
  const QList<QDockWidget*> bottom = bottomDocks();
  if (!bottom.isEmpty()) window_->resizeDocks({bottom.front()}, {kBottomHeight}, Qt::Vertical);
}

QList<QDockWidget*> WindowLayout::bottomDocks() const {
  QList<QDockWidget*> out;
  for (QDockWidget* d : window_->findChildren<QDockWidget*>())
    if (window_->dockWidgetArea(d) == Qt::BottomDockWidgetArea && !d->isFloating()) out.push_back(d);
  return out;
}

void WindowLayout::toggleBottomDocks() {
  if (!collapsed_.isEmpty()) {
    for (const QPointer<QDockWidget>& d : collapsed_)
      if (d) d->show();
    if (raised_) raised_->raise();
    collapsed_.clear();
    return;
  }
  raised_.clear();
  for (QDockWidget* d : bottomDocks()) {
    if (!d->isVisible()) continue;
    // The tab on top of its group is the one whose contents are on screen.
    if (!raised_ && !d->visibleRegion().isEmpty()) raised_ = d;
    collapsed_.push_back(d);
  }
  for (const QPointer<QDockWidget>& d : collapsed_) d->hide();
}

void WindowLayout::addViewActions(QMenu* view) { view->addAction(window_->action("toggleBottomDocks")); }

}  // namespace loupe::widgets
