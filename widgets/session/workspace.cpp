#include "widgets/session/workspace.h"

#include <QTimer>

#include <exception>
#include <stdexcept>

namespace loupe::widgets {

Workspace::Workspace(QObject* parent) : QObject(parent), poll_(new QTimer(this)) {
  poll_->setInterval(500);
  connect(poll_, &QTimer::timeout, this, &Workspace::pollOutside);
}

Workspace::~Workspace() {
  // Commands refer to the project; drop them first.
  undo_.clear();
}

void Workspace::setProject(storage::Project project) {
  emit projectAboutToChange();
  undo_.clear();
  project_ = std::make_unique<storage::Project>(std::move(project));
  labeler_ = {};
  currentItem_ = 0;
  const auto classes = project_->classes().all();
  activeClass_ = classes.empty() ? 0 : classes.front().id;
  dataVersion_ = project_->dataVersion();
  poll_->start();
  emit projectChanged();
}

void Workspace::closeProject() {
  emit projectAboutToChange();
  poll_->stop();
  undo_.clear();
  project_.reset();
  labeler_ = {};
  currentItem_ = 0;
  activeClass_ = 0;
  emit projectChanged();
}

storage::Project& Workspace::project() {
  if (!project_) throw std::logic_error("no project is open");
  return *project_;
}

void Workspace::setLabeler(const Labeler& labeler) {
  labeler_ = labeler;
  if (project_) project_->setActor(labeler.id ? std::optional<Id>(labeler.id) : std::nullopt);
  emit labelerChanged(labeler_);
}

void Workspace::setCurrentItem(Id itemId) {
  if (itemId == currentItem_) return;
  currentItem_ = itemId;
  emit currentItemChanged(itemId);
}

void Workspace::setActiveClass(Id classId) {
  if (classId == activeClass_) return;
  activeClass_ = classId;
  emit activeClassChanged(classId);
}

void Workspace::run(QUndoCommand* command) {
  if (project_ && project_->isReadOnly()) {
    // Refused before it is pushed: a command on the stack would claim an edit the file lacks.
    reportError(tr("Cannot “%1”: the project is read-only").arg(command->text()));
    delete command;
    return;
  }
  undo_.push(command);
}

void Workspace::undo() {
  const QString text = undo_.undoText();
  try {
    undo_.undo();
  } catch (const std::exception& e) {
    reportError(tr("Cannot undo “%1”: %2").arg(text, QString::fromUtf8(e.what())));
    reloadFromFile();
  }
}

void Workspace::redo() {
  const QString text = undo_.redoText();
  try {
    undo_.redo();
  } catch (const std::exception& e) {
    reportError(tr("Cannot redo “%1”: %2").arg(text, QString::fromUtf8(e.what())));
    reloadFromFile();
  }
}

void Workspace::setOutsidePollInterval(int intervalMs) { poll_->setInterval(intervalMs); }

bool Workspace::takeDataVersion() {
  if (!project_) return false;
  try {
    const std::int64_t now = project_->dataVersion();
    if (now == dataVersion_) return false;
    dataVersion_ = now;
    return true;
  } catch (const std::exception&) {
    return false;  // busy or briefly unreadable: the next poll asks again
  }
}

void Workspace::pollOutside() {
  if (takeDataVersion()) emit changedOutside();
}

void Workspace::reloadFromFile() {
  // Queued: a refused undo calls this from inside QUndoStack::undo(); views re-read after the
  // stack has dropped the command.
  QMetaObject::invokeMethod(this, [this] {
    if (!project_) return;
    takeDataVersion();
    emit changedOutside();
  }, Qt::QueuedConnection);
}

}  // namespace loupe::widgets
