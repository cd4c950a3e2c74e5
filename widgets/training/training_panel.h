#pragma once
// A self-contained panel to train a model on the open project: pick the architecture, labeler
// and epochs, start, watch progress and curves, cancel. Training runs on a worker thread with
// its own Project connection (a Project is single-threaded); results land in the project file,
// and finished() tells the host to refresh its views (models, the new model labeler).

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>

#include "core/domain/progress.h"
#include "storage/training/model_training.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace loupe::widgets {

class CurveView;

class TrainingPanel : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingPanel(QWidget* parent = nullptr);
  ~TrainingPanel() override;

  // The project to train on; labelers are listed from it. Empty path: nothing to train.
  void setProject(const QString& projectPath);
  bool isRunning() const;
  void setEpochs(int epochs);
  void setThreads(int threads) { threads_ = threads; }
  QString statusText() const;
  // Before training: the architecture that would be trained and whether its int8 model fits the
  // board, e.g. "board28-cnn: fits the board: 32 KB of 128 KB".
  QString boardFitText() const;
  void selectArchitecture(const QString& name);  // "" = the default for the image size

 public slots:
  void start();
  void cancel();

 signals:
  void finished(const QString& modelName);
  void failed(const QString& message);

 private:
  void onProgress(qint64 done, qint64 total, const QString& stage);
  void onDone();
  void setRunning(bool running);
  void updateBoardFit();

  QString projectPath_;
  int threads_ = 0;
  QComboBox* arch_;
  QComboBox* labeler_;
  QSpinBox* epochs_;
  QPushButton* startButton_;
  QPushButton* cancelButton_;
  QProgressBar* progress_;
  QLabel* boardFit_;
  QLabel* status_;
  CurveView* curves_;
  // What the worker hands back: exceptions do not cross QtConcurrent in their own type.
  struct RunResult {
    std::optional<storage::TrainOutcome> outcome;
    bool cancelled = false;
    QString error;
  };
  std::shared_ptr<CancelToken> cancel_;
  QFutureWatcher<RunResult> watcher_;
};

}  // namespace loupe::widgets
