#include "widgets/main_window/box_list_dock.h"

#include <QDockWidget>
#include <QTimer>

#include "widgets/box_list/box_list_model.h"
#include "widgets/box_list/box_list_panel.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/commands/annotation_commands.h"
#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

BoxListDock::BoxListDock(MainWindow* window)
    : QObject(window), window_(window), panel_(new BoxListPanel(window)), refresh_(new QTimer(this)) {
  panel_->setObjectName("boxListPanel");
  dock_ = window_->addPanel(panel_, tr("Boxes"), dock_names::kBoxes, Qt::LeftDockWidgetArea);
  // The canvas's layer is updated by the controller on the same signals: read it once they all ran.
  refresh_->setSingleShot(true);
  refresh_->setInterval(0);
  connect(refresh_, &QTimer::timeout, this, &BoxListDock::refresh);
  Workspace* ws = window_->workspace();
  CanvasView* canvas = window_->canvas();
  for (auto signal : {&Workspace::annotationChanged, &Workspace::annotationRemoved})
    connect(ws, signal, refresh_, qOverload<>(&QTimer::start));
  for (auto signal : {&Workspace::classesChanged, &Workspace::changedOutside, &Workspace::projectChanged})
    connect(ws, signal, refresh_, qOverload<>(&QTimer::start));
  connect(ws, &Workspace::currentItemChanged, refresh_, qOverload<>(&QTimer::start));
  connect(ws, &Workspace::labelerChanged, refresh_, qOverload<>(&QTimer::start));
  connect(window_->canvasController(), &CanvasController::boxCountChanged, refresh_, qOverload<>(&QTimer::start));

  connect(canvas, &CanvasView::selectionChanged, panel_, &BoxListPanel::setSelectedIds);
  connect(panel_, &BoxListPanel::selectionChosen, canvas, [canvas](const QList<Id>& ids) { canvas->setSelectedIds(ids); });
  connect(panel_, &BoxListPanel::deleteRequested, this, [ws](const QList<Id>& ids) {
    if (!ws->hasProject() || !ws->currentItem() || ids.isEmpty()) return;
    ws->run(new DeleteAnnotationsCommand(ws, ws->currentItem(), std::vector<Id>(ids.begin(), ids.end())));
  });
}

void BoxListDock::refresh() {
  Workspace* ws = window_->workspace();
  BoxLayer* layer = window_->canvas()->boxes();
  std::vector<BoxRow> rows;
  if (ws->hasProject() && ws->currentItem()) {
    const QString labeler = QString::fromStdString(ws->labeler().name);
    for (Id id : layer->ids()) {
      const CanvasBox* b = layer->box(id);
      rows.push_back({id, b->label, b->color, b->rect.size(), labeler});
    }
  }
  panel_->model()->setRows(std::move(rows));
  panel_->setSelectedIds(window_->canvas()->selectedIds());
}

}  // namespace loupe::widgets
