#pragma once
// The error-analysis dock: pick the model and the reference labeler, then the slice table, the
// confusion heatmap and the error-tag editor, built from one EvalTable read. Selecting a slice
// or a heatmap cell asks the workspace to filter the browser to those items. Bound to one open
// project: the main window recreates it when another project opens.

#include <QList>
#include <QWidget>

#include "storage/project.h"

class QComboBox;
class QLabel;
class QUndoStack;

namespace loupe::analysis_ui {
class ConfusionHeatmap;
class ErrorTagEditor;
class SliceTableWidget;
}  // namespace loupe::analysis_ui

namespace loupe::widgets {

class AnalysisDock : public QWidget {
  Q_OBJECT
 public:
  AnalysisDock(storage::Project& project, QUndoStack& undoStack, QWidget* parent = nullptr);

  analysis_ui::SliceTableWidget* sliceTable() const { return slices_; }
  analysis_ui::ConfusionHeatmap* heatmap() const { return heatmap_; }
  analysis_ui::ErrorTagEditor* tagEditor() const { return tags_; }
  QComboBox* modelChoice() const { return model_; }
  QComboBox* referenceChoice() const { return reference_; }
  QString statusText() const;

 public slots:
  // Re-lists the labelers (a finished training adds a model labeler).
  void reloadLabelers();
  // Reads the evaluated set for the chosen pair and fills the table and the heatmap.
  void recompute();
  void setCurrentItem(qint64 itemId);

 signals:
  void itemsRequested(const QList<qint64>& itemIds);

 private:
  storage::Project& project_;
  QComboBox* model_;
  QComboBox* reference_;
  analysis_ui::SliceTableWidget* slices_;
  analysis_ui::ConfusionHeatmap* heatmap_;
  analysis_ui::ErrorTagEditor* tags_;
  QLabel* status_;
};

}  // namespace loupe::widgets
