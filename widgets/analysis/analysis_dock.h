#pragma once
// The error-analysis dock: pick the model and the reference labeler, then the slice table, the
// confusion heatmap and the error-tag editor, built from one EvalTable read. Selecting a slice
// or a heatmap cell asks the workspace to filter the browser to those items, and names the pair
// compared so the workspace can show both answers while the user walks through them. The "vs"
// list offers the reference, the consensus and the people, never the model itself; it defaults to
// the reference labeler when there is one. Bound to one open
// project: the main window recreates it when another project opens.

#include <QList>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

#include "storage/project.h"

class QComboBox;
class QLabel;

namespace loupe::widgets {
class ConfusionHeatmap;
class ErrorTagEditor;
class SliceTableWidget;
}  // namespace loupe::widgets

namespace loupe::widgets {

class Workspace;

class AnalysisDock : public QWidget {
  Q_OBJECT
 public:
  // Bound to the workspace's open project; the error tags it sets run through the workspace.
  explicit AnalysisDock(Workspace* workspace, QWidget* parent = nullptr);

  widgets::SliceTableWidget* sliceTable() const { return slices_; }
  widgets::ConfusionHeatmap* heatmap() const { return heatmap_; }
  widgets::ErrorTagEditor* tagEditor() const { return tags_; }
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
  // Sent before itemsRequested: the labeler evaluated and its reference.
  void evaluationOpened(qint64 modelLabelerId, qint64 referenceLabelerId);
  void itemsRequested(const QList<qint64>& itemIds);

 private:
  void fillReferences(const QString& keep);
  void openItems(const QList<qint64>& ids);

  storage::Project& project_;
  std::vector<Labeler> labelers_;
  std::optional<std::pair<Id, Id>> analysed_;  // model and reference of the last analysis
  QComboBox* model_;
  QComboBox* reference_;
  widgets::SliceTableWidget* slices_;
  widgets::ConfusionHeatmap* heatmap_;
  widgets::ErrorTagEditor* tags_;
  QLabel* status_;
};

}  // namespace loupe::widgets
