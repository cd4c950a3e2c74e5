#pragma once
// The disagreement review: a queue of items where labelers disagree (worst first), the selected
// item with every labeler's answer in its own colour, and the ways to resolve it — take one
// labeler's answer, set a consensus class (preset to the majority answer), "uncertain", or mark
// the item ambiguous — plus class standardisation (rename, merge) and the agreement trend. Every
// edit runs through the workspace (Workspace::run) as a StorageCommand, so the other panels
// see it and the window's undo undoes it; the queue and the trend recompute after each step of
// the shared stack. Clicking a row also asks (itemOpened) for the item on the labeling canvas.
//
// Self-contained: the main window docks it as `new ReviewPanel(workspace, parent)`; it is bound
// to the workspace's open project and rebuilt when another one opens.

#include <QWidget>

#include <map>

#include "storage/project.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QTableView;
class QUndoCommand;

namespace loupe::widgets {
class Workspace;
}

namespace loupe::widgets {

class AgreementTrend;
class DisagreementModel;
class ReviewCanvas;

class ReviewPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ReviewPanel(widgets::Workspace* workspace, QWidget* parent = nullptr);

  DisagreementModel* queueModel() const { return model_; }
  ReviewCanvas* canvas() const { return canvas_; }
  AgreementTrend* trend() const { return trend_; }
  // The item shown, if any.
  std::optional<Id> currentItem() const { return current_; }
  QTableView* queueView() const { return table_; }
  QComboBox* consensusChoice() const { return classes_; }

 signals:
  // A row was clicked or double-clicked: show this item on the labeling canvas.
  void itemOpened(qint64 itemId);

 public slots:
  void selectRow(int row);
  void useLabelerAnswer(Id labelerId);
  void setConsensusClass(Id classId);
  void markUncertain();
  void markAmbiguous();
  void renameClass(Id classId, const QString& name);
  void mergeClass(Id from, Id into);
  // Computes agreement over the whole project and stores it as a snapshot for the trend.
  void recomputeAgreement();
  void reload();

 private:
  void showItem(std::optional<Id> item);
  void rebuildAnswerButtons();
  // Sets the consensus choice to the class with the most votes (class id -> labelers).
  void preselectMajority(const std::map<Id, int>& votes);
  void refreshClasses();
  void refreshTrend();
  // Builds the command (which may refuse, e.g. an unknown class) and runs it through the workspace.
  template <typename Make>
  void push(Make&& make);
  void renameClassDialog();
  void mergeClassDialog();

  widgets::Workspace* ws_;
  storage::Project& project_;
  DisagreementModel* model_;
  QTableView* table_;
  ReviewCanvas* canvas_;
  AgreementTrend* trend_;
  QHBoxLayout* answerButtons_;
  QComboBox* classes_;
  QLabel* status_;
  std::optional<Id> current_;
};

}  // namespace loupe::widgets
