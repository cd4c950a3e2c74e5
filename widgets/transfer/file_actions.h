#pragma once
// File > New Project…, Import…, Export…: the GUI face of `loupe new`, `loupe import` and
// `loupe export`, running the same storage functions (storage/transfer/file_transfer.h) so the
// options, defaults and error messages are the CLI's. The window only puts the actions in its
// File menu.

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include "core/domain/progress.h"
#include "widgets/transfer/transfer_job.h"

class QAction;
class QMainWindow;

namespace loupe::widgets {

class Workspace;

class FileActions : public QObject {
  Q_OBJECT
 public:
  // `open` opens a project in the window (asking who is labeling), false when it could not.
  FileActions(QMainWindow* window, Workspace* workspace, std::function<bool(const QString&)> open);
  ~FileActions() override;

  QAction* newProjectAction() const { return newProject_; }
  QAction* importAction() const { return import_; }
  QAction* exportAction() const { return export_; }

  // What the actions run. Each asks with its dialog, then works off the GUI thread.
  void newProject();
  void importData();
  void exportData();

  // The running import or export (null when none).
  TransferJob* job() const { return job_; }
  // Also sees every progress report of later jobs, on the worker thread (tests act on a stage).
  void setProgressObserver(ProgressFn observer) { observer_ = std::move(observer); }

 signals:
  // After an import or export ended; `outcome.message` is what the user was shown.
  void transferFinished(const loupe::widgets::TransferOutcome& outcome);

 private:
  void updateEnabled();
  void startLabeling();
  void run(const QString& title, const QString& label, std::function<TransferOutcome(const Progress&)> work,
           bool changesProject);
  void showError(const QString& title, const QString& message);

  QMainWindow* window_;
  Workspace* ws_;
  std::function<bool(const QString&)> open_;
  QAction* newProject_;
  QAction* import_;
  QAction* export_;
  QPointer<TransferJob> job_;
  ProgressFn observer_;
};

}  // namespace loupe::widgets
