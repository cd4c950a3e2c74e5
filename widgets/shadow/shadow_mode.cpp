#include "widgets/shadow/shadow_mode.h"

#include <QAction>
#include <QGraphicsScene>
#include <QSettings>
#include <QWidget>
#include <QtConcurrent>

#include <exception>

#include "storage/project.h"
#include "storage/shadow/shadow_mode.h"
#include "widgets/canvas/canvas_view.h"
#include "widgets/session/project_settings.h"
#include "widgets/session/workspace.h"
#include "widgets/shadow/accept_proposals_command.h"
#include "widgets/shadow/suggestion_layer.h"

namespace loupe::widgets {

ShadowMode::ShadowMode(Workspace* workspace, CanvasView* canvas, QWidget* window)
    : QObject(window), ws_(workspace), canvas_(canvas), layer_(new SuggestionLayer) {
  canvas_->scene()->addItem(layer_);
  toggle_ = new QAction(tr("S&hadow mode (model suggests labels)"), window);
  toggle_->setObjectName("shadowMode");
  toggle_->setCheckable(true);
  toggle_->setToolTip(tr("The newest model proposes labels or boxes on each item you open; Y accepts them"));
  accept_ = new QAction(tr("Accept the model's suggestions"), window);
  accept_->setObjectName("acceptSuggestions");
  accept_->setShortcut(QKeySequence(Qt::Key_Y));
  window->addAction(toggle_);
  window->addAction(accept_);
  connect(toggle_, &QAction::toggled, this, [this](bool on) {
    if (!loading_ && ws_->hasProject()) QSettings().setValue(settingsKey(), on);
    onItem();
  });
  connect(accept_, &QAction::triggered, this, [this] { acceptAll(); });
  connect(ws_, &Workspace::projectAboutToChange, this, [this] {
    ++generation_;
    proposals_.clear();
    shownItem_ = queued_ = 0;
    layer_->clear();
  });
  connect(ws_, &Workspace::projectChanged, this, &ShadowMode::onProjectChanged);
  connect(ws_, &Workspace::labelerChanged, this, [this] {
    ++generation_;
    shownItem_ = 0;
    onItem();
  });
  connect(ws_, &Workspace::currentItemChanged, this, &ShadowMode::onItem);
  connect(ws_, &Workspace::annotationChanged, this, [this](Id item) {
    if (item == shownItem_) refreshVisibility();
  });
  connect(ws_, &Workspace::annotationRemoved, this, [this](Id item) {
    if (item == shownItem_) refreshVisibility();
  });
  connect(ws_, &Workspace::changedOutside, this, &ShadowMode::refreshVisibility);
  connect(&watcher_, &QFutureWatcher<Result>::finished, this, &ShadowMode::finished);
}

ShadowMode::~ShadowMode() { watcher_.waitForFinished(); }

bool ShadowMode::enabled() const { return toggle_->isChecked(); }
void ShadowMode::setEnabled(bool on) { toggle_->setChecked(on); }

QString ShadowMode::settingsKey() const { return projectSettingsKey("shadowMode", ws_->project().path()); }

void ShadowMode::onProjectChanged() {
  if (!ws_->hasProject()) return;
  loading_ = true;
  toggle_->setChecked(QSettings().value(settingsKey(), false).toBool());
  loading_ = false;
  onItem();
}

void ShadowMode::onItem() {
  const Id item = ws_->hasProject() ? ws_->currentItem() : 0;
  if (item != shownItem_) {
    proposals_.clear();
    shownItem_ = item;
  }
  if (!enabled() || !item || !ws_->labeler().id) {
    refreshVisibility();
    return;
  }
  std::string model;
  try {
    model = storage::shadowModelName(ws_->project());
  } catch (const std::exception&) {
    emit message(tr("Shadow mode: no model yet; train one (Training panel) to get suggestions"));
    refreshVisibility();
    return;
  }
  auto& project = ws_->project();
  if (project.proposals().proposed(item, ws_->labeler().id, model)) {
    proposals_ = storage::storedProposals(project, item, ws_->labeler().id, model);
  } else if (const auto record = project.items().byId(item); record && record->item.mediaId) {
    if (watcher_.isRunning())
      queued_ = item;
    else
      start(item);
  }
  refreshVisibility();
}

void ShadowMode::start(Id itemId) {
  const auto path = ws_->project().path();
  const Id labeler = ws_->labeler().id;
  std::string model;
  try {
    model = storage::shadowModelName(ws_->project());
  } catch (const std::exception&) {
    return;
  }
  const int generation = generation_;
  watcher_.setFuture(QtConcurrent::run([path, itemId, labeler, model, generation] {
    Result r{.itemId = itemId, .labelerId = labeler, .model = model, .proposals = {}, .error = {}, .generation = generation};
    try {
      // The worker's own connection: a Project is used from one thread.
      const auto project = storage::Project::open(path, storage::OpenMode::ReadOnly);
      r.proposals = storage::computeProposals(project, itemId, labeler, model);
    } catch (const std::exception& e) {
      r.error = e.what();
    }
    return r;
  }));
}

void ShadowMode::finished() {
  const Result r = watcher_.result();
  if (r.generation == generation_ && ws_->hasProject() && r.labelerId == ws_->labeler().id) {
    if (!r.error.empty()) {
      emit message(tr("Shadow mode: %1").arg(QString::fromStdString(r.error)));
    } else {
      try {
        auto stored = storage::recordProposals(ws_->project(), r.itemId, r.labelerId, r.model, r.proposals);
        if (r.itemId == shownItem_) proposals_ = std::move(stored);
        emit proposalsRecorded();
      } catch (const std::exception& e) {
        emit message(tr("Shadow mode: %1").arg(QString::fromStdString(e.what())));
      }
    }
    refreshVisibility();
  }
  const Id next = queued_;
  queued_ = 0;
  if (next && next == shownItem_ && enabled()) onItem();
}

bool ShadowMode::suggestionsVisible() const { return layer_->count() > 0; }

void ShadowMode::refreshVisibility() {
  // Shown while the labeler has not answered the item: the first label or box hides them.
  const bool show = enabled() && shownItem_ && !proposals_.empty() && ws_->hasProject() &&
                    ws_->project().annotations().of(shownItem_, ws_->labeler().id).empty();
  if (show)
    layer_->setSuggestions(proposals_, canvas_->imageRect());
  else
    layer_->clear();
  accept_->setEnabled(show);
}

bool ShadowMode::acceptAll() {
  if (!suggestionsVisible()) return false;
  ws_->run(new AcceptProposalsCommand(ws_, shownItem_, ws_->labeler().id, proposals_));
  return true;
}

}  // namespace loupe::widgets
