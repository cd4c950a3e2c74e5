#include "widgets/training/training_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

#include "core/nn/architectures.h"
#include "core/quant/board_fit.h"
#include "storage/project.h"
#include "widgets/training/curve_view.h"

namespace loupe::widgets {

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent),
      arch_(new QComboBox(this)),
      labeler_(new QComboBox(this)),
      epochs_(new QSpinBox(this)),
      startButton_(new QPushButton(tr("Train"), this)),
      cancelButton_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      boardFit_(new QLabel(this)),
      status_(new QLabel(this)),
      curves_(new CurveView(this)) {
  curves_->setObjectName("trainingCurves");
  arch_->addItem(tr("Default for the image size"), QString());
  for (const auto& a : nn::architectures())
    arch_->addItem(QString::fromStdString(a.name), QString::fromStdString(a.name));
  epochs_->setRange(1, 1000);
  epochs_->setValue(10);
  auto* form = new QFormLayout;
  form->addRow(tr("Architecture"), arch_);
  form->addRow(tr("Labels of"), labeler_);
  form->addRow(tr("Epochs"), epochs_);
  form->addRow(tr("Board"), boardFit_);
  boardFit_->setObjectName("boardFit");
  boardFit_->setWordWrap(true);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(startButton_);
  buttons->addWidget(cancelButton_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(curves_, 1);
  status_->setWordWrap(true);
  connect(startButton_, &QPushButton::clicked, this, &TrainingPanel::start);
  connect(cancelButton_, &QPushButton::clicked, this, &TrainingPanel::cancel);
  connect(arch_, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateBoardFit);
  connect(labeler_, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateBoardFit);
  connect(&watcher_, &QFutureWatcher<RunResult>::finished, this, &TrainingPanel::onDone);
  setRunning(false);
}

TrainingPanel::~TrainingPanel() {
  // Never leave a worker writing to the project after the panel is gone.
  if (cancel_) cancel_->cancel();
  watcher_.waitForFinished();
}

void TrainingPanel::setProject(const QString& projectPath) {
  projectPath_ = projectPath;
  labeler_->clear();
  labeler_->addItem(tr("Reference, else consensus"), QString());
  if (!projectPath.isEmpty()) {
    try {
      const auto project = storage::Project::open(projectPath.toStdString());
      for (const auto& l : project.labelers().all())
        if (l.kind != LabelerKind::Model)
          labeler_->addItem(QString::fromStdString(l.name), QString::fromStdString(l.name));
    } catch (const std::exception& e) {
      status_->setText(QString::fromUtf8(e.what()));
    }
  }
  setRunning(false);
  updateBoardFit();
}

void TrainingPanel::updateBoardFit() {
  if (projectPath_.isEmpty()) return boardFit_->clear();
  storage::TrainRequest request;
  request.arch = arch_->currentData().toString().toStdString();
  request.labeler = labeler_->currentData().toString().toStdString();
  try {
    const auto project = storage::Project::open(projectPath_.toStdString());
    const storage::TrainPlan plan = storage::planTraining(project, request);
    boardFit_->setText(QStringLiteral("%1: %2").arg(
        QString::fromStdString(plan.arch),
        QString::fromStdString(quant::boardFitText(plan.int8Bytes, quant::defaultBoardModelSlotBytes()))));
  } catch (const std::exception& e) {
    boardFit_->setText(QString::fromUtf8(e.what()));
  }
}

QString TrainingPanel::boardFitText() const { return boardFit_->text(); }

void TrainingPanel::selectArchitecture(const QString& name) { arch_->setCurrentIndex(arch_->findData(name)); }

bool TrainingPanel::isRunning() const { return watcher_.isRunning(); }
void TrainingPanel::setEpochs(int epochs) { epochs_->setValue(epochs); }
QString TrainingPanel::statusText() const { return status_->text(); }

void TrainingPanel::setRunning(bool running) {
  startButton_->setEnabled(!running && !projectPath_.isEmpty());
  cancelButton_->setEnabled(running);
  arch_->setEnabled(!running);
  labeler_->setEnabled(!running);
  epochs_->setEnabled(!running);
}

void TrainingPanel::start() {
  if (isRunning() || projectPath_.isEmpty()) return;
  storage::TrainRequest request;
  request.arch = arch_->currentData().toString().toStdString();
  request.labeler = labeler_->currentData().toString().toStdString();
  request.options.epochs = epochs_->value();
  request.options.threads = threads_;
  cancel_ = std::make_shared<CancelToken>();
  curves_->setCurve({});
  progress_->setValue(0);
  status_->setText(tr("Loading images…"));
  setRunning(true);

  QPointer<TrainingPanel> self(this);
  auto cancel = cancel_;
  const std::string path = projectPath_.toStdString();
  const Progress progress{[self](std::int64_t done, std::int64_t total, const std::string& stage) {
                            QMetaObject::invokeMethod(
                                self, [self, done, total, s = QString::fromStdString(stage)] {
                                  if (self) self->onProgress(done, total, s);
                                },
                                Qt::QueuedConnection);
                          },
                          cancel.get()};
  const nn::EpochFn onEpoch = [self](const nn::EpochMetrics& m) {
    QMetaObject::invokeMethod(
        self, [self, m] {
          if (self) self->curves_->addEpoch(m);
        },
        Qt::QueuedConnection);
  };
  watcher_.setFuture(QtConcurrent::run([path, request, progress, onEpoch, cancel] {
    RunResult r;
    try {
      auto project = storage::Project::open(path);  // this thread's own connection
      r.outcome = storage::trainAndStore(project, request, progress, onEpoch);
    } catch (const Cancelled&) {
      r.cancelled = true;
    } catch (const std::exception& e) {
      r.error = QString::fromUtf8(e.what());
    }
    return r;
  }));
}

void TrainingPanel::cancel() {
  if (cancel_) cancel_->cancel();
  status_->setText(tr("Cancelling…"));
}

void TrainingPanel::onProgress(qint64 done, qint64 total, const QString& stage) {
  if (!isRunning()) return;
  progress_->setMaximum(total > 0 ? 1000 : 0);
  if (total > 0) progress_->setValue(static_cast<int>(1000 * done / total));
  status_->setText(stage);
}

void TrainingPanel::onDone() {
  setRunning(false);
  const RunResult r = watcher_.result();
  if (r.cancelled) {
    status_->setText(tr("Cancelled; nothing was stored."));
    emit failed(status_->text());
  } else if (!r.outcome) {
    status_->setText(r.error);
    emit failed(r.error);
  } else {
    const auto& out = *r.outcome;
    progress_->setMaximum(1000);
    progress_->setValue(1000);
    // A detector reports its centroid F1 where a classifier reports accuracy.
    const double metric = out.detection ? out.floatF1 : out.floatAccuracy;
    status_->setText((out.detection ? tr("%1: test centroid F1 %2 on %3 items, %4 s/epoch")
                                    : tr("%1: test accuracy %2 on %3 items, %4 s/epoch"))
                         .arg(QString::fromStdString(out.modelName))
                         .arg(std::isnan(metric) ? tr("n/a") : QString::number(metric, 'f', 4))
                         .arg(out.testItems)
                         .arg(out.meanEpochSeconds, 0, 'f', 2));
    emit finished(QString::fromStdString(out.modelName));
  }
}

}  // namespace loupe::widgets
