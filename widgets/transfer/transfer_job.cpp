#include "widgets/transfer/transfer_job.h"

#include <QMetaObject>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent>

#include <exception>

namespace loupe::widgets {

TransferJob::TransferJob(QWidget* window, const QString& label, Work work, ProgressFn observer)
    : QObject(window), work_(std::move(work)), observer_(std::move(observer)), dialog_(new QProgressDialog(window)) {
  dialog_->setObjectName("transferProgress");
  dialog_->setLabelText(label);
  dialog_->setWindowTitle(label);
  dialog_->setRange(0, 0);
  dialog_->setWindowModality(Qt::WindowModal);
  dialog_->setMinimumDuration(0);
  // Closing the dialog is cancelling too; the dialog stays until the worker has stopped.
  dialog_->setAutoClose(false);
  dialog_->setAutoReset(false);
  connect(dialog_, &QProgressDialog::canceled, this, [this] {
    cancel_->cancel();
    dialog_->setLabelText(tr("Cancelling…"));
    dialog_->show();
  });
  connect(&watcher_, &QFutureWatcher<TransferOutcome>::finished, this, [this] {
    dialog_->hide();
    emit finished(watcher_.result());
  });
}

TransferJob::~TransferJob() {
  cancel_->cancel();
  watcher_.waitForFinished();
  delete dialog_;
}

void TransferJob::start() {
  QPointer<TransferJob> self(this);
  const Progress progress{[self, observer = observer_](std::int64_t done, std::int64_t total, const std::string& stage) {
                            QMetaObject::invokeMethod(
                                self, [self, done, total, s = QString::fromStdString(stage)] {
                                  if (self) self->onProgress(done, total, s);
                                },
                                Qt::QueuedConnection);
                            if (observer) observer(done, total, stage);
                          },
                          cancel_.get()};
  dialog_->show();
  watcher_.setFuture(QtConcurrent::run([work = work_, progress, cancel = cancel_] {
    TransferOutcome out;
    try {
      out = work(progress);
      // Cancel pressed after the last progress call: the work is complete and stays.
    } catch (const Cancelled&) {
      out = {};
      out.cancelled = true;
    } catch (const std::exception& e) {
      out = {};
      out.message = QString::fromUtf8(e.what());
    }
    return out;
  }));
}

void TransferJob::onProgress(qint64 done, qint64 total, const QString& stage) {
  if (cancel_->cancelled() || !isRunning()) return;
  if (total > 0) {
    dialog_->setRange(0, 1000);
    dialog_->setValue(static_cast<int>(1000 * done / total));
  } else {
    dialog_->setRange(0, 0);
  }
  dialog_->setLabelText(stage);
}

}  // namespace loupe::widgets
