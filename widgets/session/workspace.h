#pragma once
// The open labeling session, shared by the main window and every docked panel: the Project, the
// undo stack, the current labeler, the current item and the active class, plus change
// notifications. Commands call storage, then tell the workspace what changed; views listen.

#include <QList>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include <filesystem>
#include <memory>
#include <optional>

#include "core/domain/types.h"
#include "storage/project.h"

class QTimer;
class QUndoCommand;

namespace loupe::widgets {

class Workspace : public QObject {
  Q_OBJECT

 public:
  explicit Workspace(QObject* parent = nullptr);
  ~Workspace() override;

  // Takes over an open project (replacing any previous one) and clears the undo history.
  void setProject(storage::Project project);
  void closeProject();
  bool hasProject() const { return project_ != nullptr; }
  storage::Project& project();
  QUndoStack* undoStack() { return &undo_; }

  // The labeler every edit is attributed to (also the storage actor).
  const Labeler& labeler() const { return labeler_; }
  void setLabeler(const Labeler& labeler);

  Id currentItem() const { return currentItem_; }
  void setCurrentItem(Id itemId);
  Id activeClass() const { return activeClass_; }
  void setActiveClass(Id classId);

  // Other processes (a `loupe import`, another labeler) may write to the file while it is open.
  // The workspace polls the connection's data version (every `intervalMs`, 500 by default) and
  // emits changedOutside() when someone else committed; views then re-read what they show and
  // keep the labeler's place. reloadFromFile() emits it at once (e.g. after a refused undo).
  void setOutsidePollInterval(int intervalMs);
  void reloadFromFile();

  // Undo/redo one step. Every edit is a StorageCommand, which reports its own failure and drops
  // itself; should any other command throw, the stack stays where it was, the failure is
  // reported through errorOccurred and views re-read.
  void undo();
  void redo();

  // Runs `command` through the undo stack. A storage failure inside it is reported through
  // errorOccurred and the command is dropped; nothing is left half-applied.
  void run(QUndoCommand* command);

  // ---- notifications, called by commands after their storage write --------------------------
  void notifyAnnotationChanged(Id itemId, Id annotationId) { emit annotationChanged(itemId, annotationId); }
  void notifyAnnotationRemoved(Id itemId, Id annotationId) { emit annotationRemoved(itemId, annotationId); }
  void notifyClassesChanged() { emit classesChanged(); }
  void notifyItemChanged(Id itemId) { emit itemChanged(itemId); }
  void reportError(const QString& message) { emit errorOccurred(message); }
  // Panels (error analysis, review) ask the browser to show just these items.
  void requestItemsFilter(const QList<Id>& itemIds) { emit itemsFilterRequested(itemIds); }

 signals:
  // Before the project is replaced or closed: panels bound to it must let go of it now.
  void projectAboutToChange();
  void projectChanged();
  void labelerChanged(const loupe::Labeler& labeler);
  void currentItemChanged(loupe::Id itemId);
  void activeClassChanged(loupe::Id classId);
  void annotationChanged(loupe::Id itemId, loupe::Id annotationId);
  void annotationRemoved(loupe::Id itemId, loupe::Id annotationId);
  void classesChanged();
  void itemChanged(loupe::Id itemId);
  void itemsFilterRequested(const QList<loupe::Id>& itemIds);
  void errorOccurred(const QString& message);
  // Another connection committed to the project file: re-read what is shown.
  void changedOutside();

 private:
  void pollOutside();
  bool takeDataVersion();  // true when another connection committed since the last call

  std::unique_ptr<storage::Project> project_;
  QUndoStack undo_;
  Labeler labeler_;
  Id currentItem_ = 0;
  Id activeClass_ = 0;
  QTimer* poll_;
  std::int64_t dataVersion_ = 0;
};

}  // namespace loupe::widgets
