#include "widgets/main_window/canvas_view_actions.h"

#include <QAction>
#include <QMenu>

#include "storage/project.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

CanvasViewActions::CanvasViewActions(MainWindow* window, QMenu* view) : QObject(window), window_(window) {
  auto* labels = new QAction(tr("Hide box &labels"), window_);
  labels->setObjectName("hideBoxLabels");
  labels->setCheckable(true);
  labels->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_L));
  labels->setShortcutContext(Qt::WindowShortcut);
  connect(labels, &QAction::toggled, window_, [this](bool hide) { window_->canvas()->setBoxLabelsVisible(!hide); });
  window_->addAction(labels);
  view->addAction(labels);

  classes_ = view->addMenu(tr("Show &classes"));
  classes_->setObjectName("classFilterMenu");
  all_ = new QAction(tr("&All classes"), this);
  all_->setObjectName("classFilter_all");
  connect(all_, &QAction::triggered, this, [this] {
    for (QAction* a : classes_->actions())
      if (a->isCheckable()) a->setChecked(false);
    applyClassFilter();
  });
  connect(window_->workspace(), &Workspace::classesChanged, this, &CanvasViewActions::rebuildClassMenu);
  connect(window_->workspace(), &Workspace::projectChanged, this, [this] {
    window_->canvas()->setClassFilter({});  // class ids mean nothing in another project
    rebuildClassMenu();
  });
  rebuildClassMenu();
}

void CanvasViewActions::rebuildClassMenu() {
  const QSet<Id> chosen = window_->canvas()->classFilter();
  for (QAction* a : classes_->actions())
    if (a != all_) delete a;
  classes_->clear();
  classes_->addAction(all_);
  classes_->addSeparator();
  Workspace* ws = window_->workspace();
  QSet<Id> still;
  if (ws->hasProject()) {
    for (const ClassDef& c : ws->project().classes().all()) {
      QAction* a = classes_->addAction(QString::fromStdString(c.name));
      a->setObjectName(QStringLiteral("classFilter_%1").arg(c.id));
      a->setData(QVariant::fromValue<qint64>(c.id));
      a->setCheckable(true);
      a->setChecked(chosen.contains(c.id));
      if (chosen.contains(c.id)) still.insert(c.id);
      connect(a, &QAction::toggled, this, &CanvasViewActions::applyClassFilter);
    }
  }
  window_->canvas()->setClassFilter(still);  // a deleted class, or another project: drop it
}

void CanvasViewActions::applyClassFilter() {
  QSet<Id> shown;
  for (QAction* a : classes_->actions())
    if (a->isCheckable() && a->isChecked()) shown.insert(a->data().value<qint64>());
  window_->canvas()->setClassFilter(shown);
}

}  // namespace loupe::widgets
