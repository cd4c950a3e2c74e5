#pragma once
// The "Likely errors" review (issue 15): find a labeler's likely label errors (confident learning
// over K-fold cross-training, or a stored model's probabilities) or box errors (against a
// detector's stored boxes) on a worker thread with progress and Cancel, then walk the queue
// worst first. The selected entry shows on the panel's preview — the questioned labeler's answer
// solid, the suggestion dashed in the model colour — and opens on the labeling canvas. Accept
// (Return), Relabel (R, with the chosen class) and Dismiss (D) are one undo step each
// (ReviewDecisionCommand); a decided entry leaves the queue, and the queue follows undo and redo.
//
// Bound to the workspace's open project like the Review dock: the main window builds it for each
// project and deletes it before the project closes (a running search is cancelled and waited for).

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "storage/label_errors/issue_review.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace loupe::widgets {

class ReviewCanvas;
class ReviewQueueModel;
class Workspace;

class LikelyErrorsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LikelyErrorsPanel(Workspace* workspace, QWidget* parent = nullptr);
  ~LikelyErrorsPanel() override;

  ReviewQueueModel* queueModel() const { return model_; }
  ReviewCanvas* preview() const { return preview_; }
  // From Run until the result is in the queue (the future may not have started yet).
  bool isRunning() const { return running_; }
  // The entry selected, if any.
  std::optional<storage::ReviewEntry> currentEntry() const;
  QString statusText() const;

 signals:
  void itemOpened(qint64 itemId);  // show this item on the labeling canvas
  void searchFinished();           // a search ended (found, failed or cancelled)

 public slots:
  // Whose answers, against what: an empty `model` cross-trains `folds` folds of `epochs` each.
  void setRequest(const QString& labeler, const QString& model, int folds = 5, int epochs = 5);
  void run();
  void cancel();
  void selectRow(int row);
  void acceptCurrent();
  void relabelCurrent(const QString& className);
  void dismissCurrent();
  void setShowDecided(bool on);
  void reloadLabelers();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  struct Result {
    std::optional<storage::LabelIssueOutcome> labels;
    std::optional<storage::BoxIssueOutcome> boxes;
    QString error;
    bool cancelled = false;
  };
  void decide(int kind, const QString& className);
  void rebuildQueue();
  void showEntry();
  void onDone();
  void onProgress(qint64 done, qint64 total, const QString& stage);
  void setRunning(bool running);
  void refreshClasses();

  Workspace* ws_;
  ReviewQueueModel* model_;
  QTableView* table_;
  ReviewCanvas* preview_;
  QComboBox* labeler_;
  QComboBox* source_;
  QSpinBox* folds_;
  QSpinBox* epochs_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QCheckBox* showDecided_;
  QComboBox* relabelClass_;
  QPushButton* accept_;
  QPushButton* relabel_;
  QPushButton* dismiss_;
  QLabel* status_;
  QLabel* summary_;
  std::optional<storage::LabelIssueOutcome> labelOutcome_;
  std::optional<storage::BoxIssueOutcome> boxOutcome_;
  std::shared_ptr<CancelToken> cancelToken_;
  bool running_ = false;
  QFutureWatcher<Result> watcher_;
};

}  // namespace loupe::widgets
