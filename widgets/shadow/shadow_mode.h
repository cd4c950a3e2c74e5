#pragma once
// Shadow mode in the labeling workspace (widgets/shadow/README.md): the toggle (Edit > Shadow
// mode, remembered per project file), proposals on each item the labeler opens (stored ones at
// once, new ones from a worker thread), the suggestions on the canvas while the item is not
// answered, and Y to accept them all in one undo step.

#include <QFutureWatcher>
#include <QObject>

#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

class QAction;
class QWidget;

namespace loupe::widgets {

class CanvasView;
class SuggestionLayer;
class Workspace;

class ShadowMode : public QObject {
  Q_OBJECT

 public:
  ShadowMode(Workspace* workspace, CanvasView* canvas, QWidget* window);
  ~ShadowMode() override;

  QAction* toggleAction() const { return toggle_; }
  QAction* acceptAction() const { return accept_; }
  bool enabled() const;
  void setEnabled(bool on);

  // The current item's proposals (shown or not), and whether they are on the canvas.
  const std::vector<storage::PrelabelProposal>& proposals() const { return proposals_; }
  bool suggestionsVisible() const;
  SuggestionLayer* layer() const { return layer_; }
  // A model is running on an item.
  bool busy() const { return watcher_.isRunning(); }
  // Accepts every suggestion on the current item (Y). False when nothing is shown.
  bool acceptAll();

 signals:
  void proposalsRecorded();  // new proposals stored: the agreement changed
  void message(const QString& text);

 private:
  struct Result {
    Id itemId = 0, labelerId = 0;
    std::string model;
    std::vector<storage::PrelabelProposal> proposals;
    std::string error;
    int generation = 0;
  };
  void onProjectChanged();
  void onItem();
  void start(Id itemId);
  void finished();
  void refreshVisibility();
  QString settingsKey() const;

  Workspace* ws_;
  CanvasView* canvas_;
  SuggestionLayer* layer_;
  QAction* toggle_;
  QAction* accept_;
  std::vector<storage::PrelabelProposal> proposals_;  // of shownItem_
  Id shownItem_ = 0;
  Id queued_ = 0;        // an item opened while the model ran on another
  int generation_ = 0;   // bumped when the project or labeler changes: late results are dropped
  bool loading_ = false; // setting the toggle from the saved state
  QFutureWatcher<Result> watcher_;
};

}  // namespace loupe::widgets
