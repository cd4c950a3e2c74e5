#include "widgets/transfer/file_actions.h"

#include <QAction>
#include <QFileDialog>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

#include <exception>

#include "storage/project.h"
#include "storage/transfer/file_transfer.h"
#include "widgets/session/workspace.h"
#include "widgets/transfer/export_dialog.h"
#include "widgets/transfer/import_dialog.h"
#include "widgets/transfer/transfer_job.h"

namespace loupe::widgets {

namespace {

QStringList labelerNames(storage::Project& project) {
  QStringList names;
  for (const Labeler& l : project.labelers().all()) names << QString::fromStdString(l.name);
  return names;
}

QString importSummary(const storage::ImportReport& r) {
  return QObject::tr("Imported: %1 new items, %2 matched, %3 new annotations (%4 already there), %5 new classes.")
      .arg(r.itemsAdded)
      .arg(r.itemsMatched)
      .arg(r.annotationsAdded)
      .arg(r.annotationsSkipped)
      .arg(r.classesAdded);
}

}  // namespace

FileActions::FileActions(QMainWindow* window, Workspace* workspace, std::function<bool(const QString&)> open)
    : QObject(window), window_(window), ws_(workspace), open_(std::move(open)) {
  auto make = [this](const char* name, const QString& text, void (FileActions::*slot)()) {
    auto* a = new QAction(text, window_);
    a->setObjectName(name);
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    window_->addAction(a);
    return a;
  };
  newProject_ = make("newProject", tr("&New Project…"), &FileActions::newProject);
  newProject_->setShortcuts({QKeySequence::New});
  import_ = make("importData", tr("&Import…"), &FileActions::importData);
  import_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I)});
  export_ = make("exportData", tr("&Export…"), &FileActions::exportData);
  export_->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)});
  connect(ws_, &Workspace::projectChanged, this, &FileActions::updateEnabled);
  updateEnabled();
}

FileActions::~FileActions() { delete job_; }

void FileActions::updateEnabled() {
  const bool open = ws_->hasProject();
  const bool readOnly = open && ws_->project().isReadOnly();
  import_->setEnabled(open && !readOnly && !job_);
  import_->setToolTip(readOnly ? tr("The project is read-only") : tr("Add a dataset to the open project"));
  export_->setEnabled(open && !job_);
}

void FileActions::showError(const QString& title, const QString& message) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, window_);
  box->setObjectName("transferError");
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setTextInteractionFlags(Qt::TextSelectableByMouse);
  box->open();
}

void FileActions::startLabeling() {
  // A project that was empty (just made with New Project…) has no item on screen and no class to
  // draw with: start on the first of each, as opening a project does.
  try {
    storage::Project& p = ws_->project();
    if (!ws_->activeClass())
      if (const auto classes = p.classes().all(); !classes.empty()) ws_->setActiveClass(classes.front().id);
    if (!ws_->currentItem())
      if (const auto first = p.items().page({}, 0, 1); !first.empty()) ws_->setCurrentItem(first.front().item.id);
  } catch (const std::exception& e) {
    ws_->reportError(QString::fromUtf8(e.what()));
  }
}

void FileActions::newProject() {
  QFileDialog dialog(window_, tr("New project"));
  dialog.setObjectName("newProjectDialog");
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setNameFilter(tr("Loupe projects (*.loupe)"));
  dialog.setDefaultSuffix("loupe");
  // An existing file is refused by Project::create, in its words, rather than "replaced".
  dialog.setOption(QFileDialog::DontConfirmOverwrite);
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
  const QString path = dialog.selectedFiles().front();
  try {
    storage::Project::create(path.toStdString());  // `loupe new`
  } catch (const std::exception& e) {
    showError(tr("Cannot create project"), QString::fromUtf8(e.what()));
    return;
  }
  open_(path);
}

void FileActions::importData() {
  if (!ws_->hasProject() || job_) return;
  storage::Project& project = ws_->project();
  if (project.isReadOnly()) {
    // The words every refused write uses, from the same check the import itself makes.
    try {
      storage::requireWritable(project);
    } catch (const std::exception& e) {
      showError(tr("Cannot import"), QString::fromUtf8(e.what()));
    }
    return;
  }
  ImportDialog dialog(labelerNames(project), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  const storage::ImportRequest request = dialog.request();
  const std::string path = project.path().string();
  run(tr("Cannot import"), tr("Importing %1…").arg(QString::fromStdString(request.path.filename().string())),
      [path, request](const Progress& progress) {
        auto worker = storage::Project::open(path);  // this thread's own connection
        const storage::ImportReport report = storage::importFile(worker, request, progress);
        TransferOutcome out;
        out.ok = true;
        out.message = importSummary(report);
        for (const std::string& w : report.warnings) out.warnings << QString::fromStdString(w);
        return out;
      },
      true);
}

void FileActions::exportData() {
  if (!ws_->hasProject() || job_) return;
  ExportDialog dialog(labelerNames(ws_->project()), window_);
  if (dialog.exec() != QDialog::Accepted) return;
  const storage::ExportRequest request = dialog.request();
  const std::string path = ws_->project().path().string();
  run(tr("Cannot export"), tr("Exporting to %1…").arg(QString::fromStdString(request.out.filename().string())),
      [path, request](const Progress& progress) {
        const auto worker = storage::Project::open(path, storage::OpenMode::ReadOnly);
        const storage::ExportSummary s = storage::exportFile(worker, request, progress);
        TransferOutcome out;
        out.ok = true;
        out.message = tr("Exported %1 items, %2 classes, %3 annotations to %4.")
                          .arg(s.items)
                          .arg(s.classes)
                          .arg(s.annotations)
                          .arg(QString::fromStdString(request.out.string()));
        return out;
      },
      false);
}

void FileActions::run(const QString& title, const QString& label, std::function<TransferOutcome(const Progress&)> work,
                      bool changesProject) {
  job_ = new TransferJob(window_, label, std::move(work), observer_);
  connect(job_, &TransferJob::finished, this, [this, title, changesProject](const TransferOutcome& outcome) {
    job_->deleteLater();
    job_ = nullptr;
    updateEnabled();
    // Show the file as it is now at once, rather than at the workspace's next poll.
    if (changesProject && outcome.ok && ws_->hasProject()) {
      ws_->reloadFromFile();
      startLabeling();
    }
    TransferOutcome shown = outcome;
    if (outcome.cancelled) {
      shown.message = tr("Cancelled; nothing was written.");
      window_->statusBar()->showMessage(shown.message, 8000);
    } else if (!outcome.ok) {
      showError(title, outcome.message);
    } else if (!outcome.warnings.isEmpty()) {
      auto* box = new QMessageBox(QMessageBox::Information, tr("Import"),
                                  outcome.message + "\n" + tr("%n file(s) skipped.", "", static_cast<int>(outcome.warnings.size())),
                                  QMessageBox::Ok, window_);
      box->setObjectName("transferWarnings");
      box->setDetailedText(outcome.warnings.join('\n'));
      box->setAttribute(Qt::WA_DeleteOnClose);
      box->open();
    } else {
      window_->statusBar()->showMessage(outcome.message, 8000);
    }
    emit transferFinished(shown);
  });
  updateEnabled();
  job_->start();
}

}  // namespace loupe::widgets
