#include "widgets/main_window/evaluation_walk.h"

#include <QAction>
#include <QLabel>

#include "widgets/analysis/evaluation_text.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/canvas/canvas_controller.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/item_panel/item_panel.h"
#include "widgets/main_window/main_window.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

EvaluationWalk::EvaluationWalk(MainWindow* window) : QObject(window), window_(window) {
  banner_ = new QLabel(window_->canvas());
  banner_->setObjectName("evaluationBanner");
  // Read over any image, and never in the way of drawing on the canvas.
  banner_->setStyleSheet(QStringLiteral("background: rgba(20, 22, 26, 210); color: white; padding: 4px 8px;"
                                        " border-radius: 4px;"));
  banner_->setAttribute(Qt::WA_TransparentForMouseEvents);
  banner_->hide();
  Workspace* ws = window_->workspace();
  connect(ws, &Workspace::currentItemChanged, this, &EvaluationWalk::refresh);
  connect(ws, &Workspace::projectAboutToChange, this, &EvaluationWalk::stop);
  connect(window_->browser(), &BrowserPanel::filterChanged, this, &EvaluationWalk::stop);
  if (QAction* all = window_->action("showAllItems")) connect(all, &QAction::triggered, this, &EvaluationWalk::stop);
}

void EvaluationWalk::start(Id modelLabelerId, Id referenceLabelerId) {
  Workspace* ws = window_->workspace();
  if (!ws->hasProject()) return;
  model_ = ws->project().labeler(modelLabelerId);
  reference_ = ws->project().labeler(referenceLabelerId);
  if (!model_ || !reference_) {
    stop();
    return;
  }
  showOverlay(model_->id);
  showOverlay(reference_->id);
  refresh();
}

void EvaluationWalk::stop() {
  model_.reset();
  reference_.reset();
  refresh();
}

void EvaluationWalk::showOverlay(Id labelerId) {
  if (labelerId == window_->workspace()->labeler().id) return;  // already on the canvas, editable
  // Through the View menu's entry when there is one, so its check mark tells the truth.
  if (QAction* a = window_->findChild<QAction*>(QStringLiteral("overlay_%1").arg(labelerId))) a->setChecked(true);
  else window_->canvasController()->setOverlayVisible(labelerId, true);
}

void EvaluationWalk::refresh() {
  Workspace* ws = window_->workspace();
  const Id item = ws->hasProject() ? ws->currentItem() : 0;
  const QString text = active() && item ? widgets::evaluationText(ws->project(), item, *model_, *reference_) : QString();
  window_->itemPanel()->setEvaluation(text);
  banner_->setText(text);
  banner_->setVisible(!text.isEmpty());
  if (text.isEmpty()) return;
  banner_->adjustSize();
  banner_->move(8, 8);
  banner_->raise();
}

}  // namespace loupe::widgets
