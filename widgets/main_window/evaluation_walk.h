#pragma once
// Walking through a model's errors: after the Analysis dock opens the items of a heatmap cell or
// a slice, every item shown names the evaluated labeler's answer (with its score) and the
// reference's — on a banner over the canvas and on the item panel's "Evaluation" line — and
// both labelers' boxes are switched on as canvas overlays (their image labels then appear in the
// class panel). Any pair the dock compared works. The walk ends when the browser's filter
// changes, "Show all items" is chosen, or another project opens.

#include <QObject>

#include <optional>

#include "core/domain/types.h"

class QLabel;

namespace loupe::widgets {

class MainWindow;

class EvaluationWalk : public QObject {
  Q_OBJECT
 public:
  explicit EvaluationWalk(MainWindow* window);

  void start(Id modelLabelerId, Id referenceLabelerId);
  void stop();
  bool active() const { return model_.has_value(); }
  QLabel* banner() const { return banner_; }

 private:
  void showOverlay(Id labelerId);
  void refresh();

  MainWindow* window_;
  QLabel* banner_;
  std::optional<Labeler> model_, reference_;
};

}  // namespace loupe::widgets
