#pragma once
// One long import or export off the GUI thread, behind a window-modal QProgressDialog whose
// Cancel reaches the worker through a CancelToken (storage then rolls back / removes its
// temporary output). The work opens its own Project on the file: a Project is single-threaded.

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

#include "core/domain/progress.h"

class QWidget;

namespace loupe::widgets {

struct TransferOutcome {
  bool ok = false;
  bool cancelled = false;
  QString message;       // the summary, or the error exactly as the CLI words it (without "loupe: ")
  QStringList warnings;  // e.g. files a folder import skipped
};

class TransferJob : public QObject {
  Q_OBJECT
 public:
  // Runs on the worker thread; returns the summary (ok) or throws. Cancelled means cancelled.
  using Work = std::function<TransferOutcome(const Progress&)>;

  // `observer` (may be empty) also sees every progress report, on the worker thread.
  TransferJob(QWidget* window, const QString& label, Work work, ProgressFn observer = {});
  ~TransferJob() override;  // cancels and waits: no worker outlives the window

  void start();
  bool isRunning() const { return watcher_.isRunning(); }
  QProgressDialog* dialog() const { return dialog_; }

 signals:
  void finished(const loupe::widgets::TransferOutcome& outcome);

 private:
  void onProgress(qint64 done, qint64 total, const QString& stage);

  Work work_;
  ProgressFn observer_;
  QPointer<QProgressDialog> dialog_;  // a child of the window, which may go first
  std::shared_ptr<CancelToken> cancel_ = std::make_shared<CancelToken>();
  QFutureWatcher<TransferOutcome> watcher_;
};

}  // namespace loupe::widgets
