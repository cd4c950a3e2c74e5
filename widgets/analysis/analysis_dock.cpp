#include "widgets/analysis/analysis_dock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

#include <exception>

#include "storage/slice_report.h"
#include "widgets/analysis/confusion_heatmap.h"
#include "widgets/analysis/error_tag_editor.h"
#include "widgets/analysis/slice_table_widget.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

AnalysisDock::AnalysisDock(Workspace* workspace, QWidget* parent)
    : QWidget(parent), project_(workspace->project()) {
  setObjectName("analysisDock");
  model_ = new QComboBox(this);
  model_->setObjectName("analysisModel");
  reference_ = new QComboBox(this);
  reference_->setObjectName("analysisReference");
  auto* compute = new QPushButton(tr("Analyse"), this);
  compute->setObjectName("analysisCompute");
  status_ = new QLabel(this);
  slices_ = new widgets::SliceTableWidget(this);
  heatmap_ = new widgets::ConfusionHeatmap(this);
  tags_ = new widgets::ErrorTagEditor(workspace, this);

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
  tagRow->addWidget(tags_, 1);  // the editor brings its own "Error tag:" label
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(pick);
  layout->addWidget(split, 1);
  layout->addLayout(tagRow);
  layout->addWidget(status_);

  connect(compute, &QPushButton::clicked, this, &AnalysisDock::recompute);
  connect(model_, &QComboBox::currentIndexChanged, this, [this] { fillReferences(reference_->currentText()); });
  connect(slices_, &widgets::SliceTableWidget::sliceSelected, this,
          [this](const QString&, const QList<qint64>& ids) { openItems(ids); });
  connect(heatmap_, &widgets::ConfusionHeatmap::cellClicked, this,
          [this](int, int, const QList<qint64>& ids) { openItems(ids); });
  reloadLabelers();
}

void AnalysisDock::openItems(const QList<qint64>& ids) {
  // The pair the table and heatmap were computed for, not what the combos say now.
  if (analysed_) emit evaluationOpened(analysed_->first, analysed_->second);
  emit itemsRequested(ids);
}

QString AnalysisDock::statusText() const { return status_->text(); }

namespace {
QString kindTip(LabelerKind kind) {
  switch (kind) {
    case LabelerKind::Human: return QObject::tr("a person");
    case LabelerKind::Model: return QObject::tr("a model's predictions");
    case LabelerKind::Reference: return QObject::tr("the reference (ground truth)");
    case LabelerKind::Consensus: return QObject::tr("the consensus of the review");
  }
  return {};
}
}  // namespace

void AnalysisDock::reloadLabelers() {
  const QString model = model_->currentText();
  const QString reference = reference_->currentText();
  labelers_ = project_.labelers();
  {
    const QSignalBlocker quiet(model_);
    model_->clear();
    // What is usually evaluated comes first: models, then people (against the reference).
    for (const LabelerKind kind : {LabelerKind::Model, LabelerKind::Human, LabelerKind::Consensus, LabelerKind::Reference})
      for (const Labeler& l : labelers_) {
        if (l.kind != kind) continue;
        model_->addItem(QString::fromStdString(l.name));
        model_->setItemData(model_->count() - 1, kindTip(l.kind), Qt::ToolTipRole);
      }
    if (!model.isEmpty() && model_->findText(model) >= 0) model_->setCurrentText(model);
    else model_->setCurrentIndex(0);
  }
  fillReferences(reference);
  tags_->refreshTags();
}

void AnalysisDock::fillReferences(const QString& keep) {
  // The reference labeler first, as the CLI's `hlp` and `train` default to it, then the review's
  // consensus, then people; never the labeler under evaluation itself.
  const QString model = model_->currentText();
  const QSignalBlocker quiet(reference_);
  reference_->clear();
  for (const LabelerKind kind : {LabelerKind::Reference, LabelerKind::Consensus, LabelerKind::Human})
    for (const Labeler& l : labelers_) {
      const QString name = QString::fromStdString(l.name);
      if (l.kind != kind || name == model) continue;
      reference_->addItem(name);
      reference_->setItemData(reference_->count() - 1, kindTip(l.kind), Qt::ToolTipRole);
    }
  const int at = keep.isEmpty() ? -1 : reference_->findText(keep);
  reference_->setCurrentIndex(at >= 0 ? at : 0);
}

void AnalysisDock::recompute() {
  if (model_->currentText().isEmpty() || reference_->currentText().isEmpty()) {
    status_->setText(tr("Choose a model and a reference labeler"));
    return;
  }
  try {
    storage::SliceReportOptions options;
    options.model = model_->currentText().toStdString();
    options.reference = reference_->currentText().toStdString();
    options.itemIds = options.confusion = true;
    storage::SliceReport report = storage::sliceReport(project_, options);
    const auto model = project_.labelerByName(options.model), reference = project_.labelerByName(options.reference);
    if (model && reference) analysed_ = std::make_pair(model->id, reference->id);
    slices_->model()->setSlices(std::move(report.rows), std::move(report.itemIds));
    heatmap_->setMatrix(std::move(*report.confusion), std::move(report.confusionItems));
    status_->setText(tr("%n evaluated item(s)", "", static_cast<int>(report.referenceItems)));
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
  }
}

void AnalysisDock::setCurrentItem(qint64 itemId) {
  if (itemId) tags_->setItem(itemId);
}

}  // namespace loupe::widgets
