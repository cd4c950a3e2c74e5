#include "widgets/main_window/project_docks.h"

#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QStatusBar>

#include "widgets/device/device_panel.h"
#include "widgets/analysis/analysis_dock.h"
#include "widgets/main_window/dock_names.h"
#include "widgets/main_window/evaluation_walk.h"
#include "widgets/likely_errors/likely_errors_panel.h"
#include "widgets/main_window/main_window.h"
#include "widgets/review/review_panel.h"
#include "widgets/session/workspace.h"
#include "widgets/shadow/shadow_mode.h"
#include "widgets/shadow/shadow_panel.h"
#include "widgets/training/training_panel.h"

namespace loupe::widgets {

ProjectDocks::ProjectDocks(MainWindow* window) : QObject(window), window_(window) {
  reviewDock_ = window_->addPanel(placeholder(), tr("Review"), dock_names::kReview, Qt::BottomDockWidgetArea);
  analysisDock_ = window_->addPanel(placeholder(), tr("Analysis"), dock_names::kAnalysis, Qt::BottomDockWidgetArea);
  training_ = new TrainingPanel(window_);
  trainingDock_ = window_->addPanel(placeholder(), tr("Training"), dock_names::kTraining, Qt::BottomDockWidgetArea);
  setPanel(trainingDock_, training_);
  window_->tabifyDockWidget(reviewDock_, analysisDock_);
  device_ = new DevicePanel(window_->workspace(), window_);
  deviceDock_ = window_->addPanel(placeholder(), tr("Device"), dock_names::kDevice, Qt::BottomDockWidgetArea);
  setPanel(deviceDock_, device_);
  window_->tabifyDockWidget(analysisDock_, trainingDock_);
  window_->tabifyDockWidget(trainingDock_, deviceDock_);
  shadowMode_ = new ShadowMode(window_->workspace(), window_->canvas(), window_);
  shadowPanel_ = new ShadowPanel(window_->workspace(), shadowMode_, window_);
  shadowDock_ = window_->addPanel(placeholder(), tr("Shadow mode"), dock_names::kShadow, Qt::BottomDockWidgetArea);
  setPanel(shadowDock_, shadowPanel_);
  window_->tabifyDockWidget(deviceDock_, shadowDock_);
  likelyErrorsDock_ =
      window_->addPanel(placeholder(), tr("Likely errors"), dock_names::kLikelyErrors, Qt::BottomDockWidgetArea);
  window_->tabifyDockWidget(shadowDock_, likelyErrorsDock_);
  if (auto* edit = window_->findChild<QMenu*>("editMenu")) {
    edit->addSeparator();
    edit->addAction(shadowMode_->toggleAction());
    edit->addAction(shadowMode_->acceptAction());
  }
  connect(shadowMode_, &ShadowMode::message, window_, [this](const QString& m) { window_->statusBar()->showMessage(m, 6000); });
  reviewDock_->raise();

  Workspace* ws = window_->workspace();
  walk_ = new EvaluationWalk(window_);
  connect(ws, &Workspace::projectAboutToChange, this, &ProjectDocks::release);
  connect(ws, &Workspace::projectChanged, this, &ProjectDocks::rebuild);
  connect(ws, &Workspace::currentItemChanged, this, [this](Id id) {
    if (analysis_) analysis_->setCurrentItem(id);
  });
  connect(training_, &TrainingPanel::finished, this, [this] {
    // The new model is a labeler of the project: offer it for analysis and review.
    if (analysis_) analysis_->reloadLabelers();
    if (review_) review_->reload();
    if (likelyErrors_) likelyErrors_->reloadLabelers();  // the model can check labels and boxes
    device_->reloadProject();  // the new model can go to the board
    shadowPanel_->refresh();   // the new model proposes from now on
  });
}

void ProjectDocks::reloadFromFile() {
  if (analysis_) analysis_->reloadLabelers();
  if (likelyErrors_) likelyErrors_->reloadLabelers();
  // The queue re-scores every item with several answers: only worth it when someone looks.
  if (review_ && !review_->visibleRegion().isEmpty()) review_->reload();
  device_->reloadProject();
}

void ProjectDocks::setPanel(QDockWidget* dock, QWidget* panel) {
  delete dock->widget();
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(panel);
  dock->setWidget(scroll);
}

QWidget* ProjectDocks::panelOf(const QDockWidget* dock) {
  const auto* scroll = qobject_cast<const QScrollArea*>(dock->widget());
  return scroll ? scroll->widget() : dock->widget();
}

QWidget* ProjectDocks::placeholder() const {
  auto* label = new QLabel(tr("Open a project to use this panel."));
  label->setAlignment(Qt::AlignCenter);
  return label;
}

void ProjectDocks::release() {
  // Deleted now, not later: the Project they refer to is destroyed right after this signal.
  if (review_) {
    setPanel(reviewDock_, placeholder());
    review_ = nullptr;
  }
  if (analysis_) {
    setPanel(analysisDock_, placeholder());
    analysis_ = nullptr;
  }
  if (likelyErrors_) {
    setPanel(likelyErrorsDock_, placeholder());  // cancels a running search and waits for it
    likelyErrors_ = nullptr;
  }
}

void ProjectDocks::rebuild() {
  Workspace* ws = window_->workspace();
  if (!ws->hasProject()) {
    training_->setProject({});
    return;
  }
  review_ = new widgets::ReviewPanel(ws);
  connect(review_, &widgets::ReviewPanel::itemOpened, ws, [ws](qint64 id) { ws->setCurrentItem(id); });
  setPanel(reviewDock_, review_);
  analysis_ = new AnalysisDock(ws);
  connect(analysis_, &AnalysisDock::evaluationOpened, walk_, &EvaluationWalk::start);
  connect(analysis_, &AnalysisDock::itemsRequested, ws, [ws](const QList<qint64>& ids) {
    ws->requestItemsFilter(QList<Id>(ids.begin(), ids.end()));
  });
  setPanel(analysisDock_, analysis_);
  likelyErrors_ = new LikelyErrorsPanel(ws);
  connect(likelyErrors_, &LikelyErrorsPanel::itemOpened, ws, [ws](qint64 id) { ws->setCurrentItem(id); });
  setPanel(likelyErrorsDock_, likelyErrors_);
  training_->setProject(QString::fromStdString(ws->project().path().string()));
}

}  // namespace loupe::widgets
