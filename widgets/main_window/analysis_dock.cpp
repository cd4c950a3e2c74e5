#include "widgets/main_window/analysis_dock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <exception>

#include "core/analysis/agreement_hlp.h"
#include "core/analysis/slice_metrics.h"
#include "storage/analysis_reads.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/error_tag_editor.h"
#include "widgets/analysis/slice_table_widget.h"

namespace loupe::widgets {

AnalysisDock::AnalysisDock(storage::Project& project, QUndoStack& undoStack, QWidget* parent)
    : QWidget(parent), project_(project) {
  setObjectName("analysisDock");
  model_ = new QComboBox(this);
  model_->setObjectName("analysisModel");
  reference_ = new QComboBox(this);
  reference_->setObjectName("analysisReference");
  auto* compute = new QPushButton(tr("Analyse"), this);
  compute->setObjectName("analysisCompute");
  status_ = new QLabel(this);
  slices_ = new analysis_ui::SliceTableWidget(this);
  heatmap_ = new analysis_ui::ConfusionHeatmap(this);
  tags_ = new analysis_ui::ErrorTagEditor(project_, &undoStack, this);

  auto* pick = new QHBoxLayout;
  pick->addWidget(new QLabel(tr("Model"), this));
  pick->addWidget(model_, 1);
  pick->addWidget(new QLabel(tr("vs"), this));
  pick->addWidget(reference_, 1);
  pick->addWidget(compute);
  auto* heatScroll = new QScrollArea(this);
  heatScroll->setWidget(heatmap_);
  heatScroll->setWidgetResizable(true);
  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(slices_);
  split->addWidget(heatScroll);
  auto* tagRow = new QHBoxLayout;
  tagRow->addWidget(new QLabel(tr("Error tag"), this));
  tagRow->addWidget(tags_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(pick);
  layout->addWidget(split, 1);
  layout->addLayout(tagRow);
  layout->addWidget(status_);

  connect(compute, &QPushButton::clicked, this, &AnalysisDock::recompute);
  connect(slices_, &analysis_ui::SliceTableWidget::sliceSelected, this,
          [this](const QString&, const QList<qint64>& ids) { emit itemsRequested(ids); });
  connect(heatmap_, &analysis_ui::ConfusionHeatmap::cellClicked, this,
          [this](int, int, const QList<qint64>& ids) { emit itemsRequested(ids); });
  reloadLabelers();
}

QString AnalysisDock::statusText() const { return status_->text(); }

void AnalysisDock::reloadLabelers() {
  const QString model = model_->currentText();
  const QString reference = reference_->currentText();
  model_->clear();
  reference_->clear();
  for (const Labeler& l : project_.labelers()) {
    const QString name = QString::fromStdString(l.name);
    // A model is evaluated against a person; listing models first saves a click.
    if (l.kind == LabelerKind::Model) model_->insertItem(0, name);
    else model_->addItem(name);
    if (l.kind == LabelerKind::Human) reference_->addItem(name);
  }
  if (!model.isEmpty() && model_->findText(model) >= 0) model_->setCurrentText(model);
  else model_->setCurrentIndex(0);
  if (!reference.isEmpty() && reference_->findText(reference) >= 0) reference_->setCurrentText(reference);
  tags_->refreshTags();
}

void AnalysisDock::recompute() {
  if (model_->currentText().isEmpty() || reference_->currentText().isEmpty()) {
    status_->setText(tr("Choose a model and a reference labeler"));
    return;
  }
  try {
    storage::EvalLoadOptions options;
    options.model = model_->currentText().toStdString();
    options.reference = reference_->currentText().toStdString();
    const analysis::EvalTable table = storage::loadEvalTable(project_, options);
    std::vector<analysis::SliceRows> groups;
    for (const std::string& key : analysis::sliceKeys(table))
      for (auto& g : analysis::groupRows(table, key)) groups.push_back(std::move(g));
    std::vector<std::vector<Id>> itemIds;
    itemIds.reserve(groups.size());
    for (const auto& g : groups) {
      std::vector<Id> ids;
      ids.reserve(g.rows.size());
      for (const std::uint32_t r : g.rows) ids.push_back(table.itemIds[r]);
      itemIds.push_back(std::move(ids));
    }
    slices_->model()->setSlices(analysis::sliceTable(table, groups, analysis::agreementHlp), std::move(itemIds));
    analysis::RowSet all(table.rows());
    for (std::uint32_t r = 0; r < all.size(); ++r) all[r] = r;
    std::vector<std::vector<std::vector<Id>>> cells;
    analysis::ConfusionMatrix matrix = analysis::confusionOn(table, table.model, all, cells);
    heatmap_->setMatrix(std::move(matrix), std::move(cells));
    status_->setText(tr("%n evaluated item(s)", "", static_cast<int>(table.rows())));
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
}

void AnalysisDock::setCurrentItem(qint64 itemId) {
  if (itemId) tags_->setItem(itemId);
}

}  // namespace loupe::widgets
