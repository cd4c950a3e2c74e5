#pragma once
// The disagreement review: a queue of items where labelers disagree (worst first), the selected
// item with every labeler's answer in its own colour, and the ways to resolve it — take one
// labeler's answer, set a consensus class (preset to the majority answer), "uncertain", or mark
// the item ambiguous — plus class standardisation (rename, merge) and the agreement trend. Every
// edit is a QUndoCommand on the given stack; the queue and the trend recompute after each.
// Clicking a row also asks (itemOpened) for the item on the labeling canvas.
//
// Self-contained: the main window docks it as `new ReviewPanel(project, undoStack, parent)`.

#include <QWidget>

#include <map>

#include "storage/project.h"

class QComboBox;
class QHBoxLayout;
class QLabel;
class QTableView;
class QUndoCommand;
class QUndoStack;

namespace loupe::review {

class AgreementTrend;
class DisagreementModel;
class ReviewCanvas;

class ReviewPanel : public QWidget {
  Q_OBJECT
 public:
  ReviewPanel(storage::Project& project, QUndoStack& undoStack, QWidget* parent = nullptr);

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
  void push(QUndoCommand* command);
  void renameClassDialog();
  void mergeClassDialog();

  storage::Project& project_;
  QUndoStack& undo_;
  DisagreementModel* model_;
  QTableView* table_;
  ReviewCanvas* canvas_;
  AgreementTrend* trend_;
  QHBoxLayout* answerButtons_;
  QComboBox* classes_;
  QLabel* status_;
  std::optional<Id> current_;
};

}  // namespace loupe::review
