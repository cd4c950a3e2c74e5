#include "widgets/review/review_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <map>

#include "storage/agreement/agreement_source.h"
#include "widgets/commands/class_commands.h"
#include "widgets/review/agreement_trend.h"
#include "widgets/review/disagreement_model.h"
#include "widgets/review/labeler_colors.h"
#include "widgets/review/review_canvas.h"
#include "widgets/review/review_commands.h"
#include "widgets/session/media_image.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {
namespace {

QImage imageOf(const storage::Project& project, const storage::ItemRecord& rec) {
  const auto media = project.items().media(rec.item.id);
  return media ? decodeMedia(media->bytes, media->format, rec.item.width, rec.item.height) : QImage();
}

}  // namespace

ReviewPanel::ReviewPanel(widgets::Workspace* workspace, QWidget* parent)
    : QWidget(parent), ws_(workspace), project_(workspace->project()), model_(new DisagreementModel(project_, this)),
      table_(new QTableView), canvas_(new ReviewCanvas), trend_(new AgreementTrend), answerButtons_(new QHBoxLayout),
      classes_(new QComboBox), status_(new QLabel) {
  table_->setObjectName("reviewQueue");
  trend_->setObjectName("reviewTrend");
  classes_->setObjectName("reviewConsensusClass");
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& index) { showItem(index.isValid() ? std::optional<Id>(model_->itemId(index.row())) : std::nullopt); });
  // Moving through the queue with the keys stays here; a click asks for the item on the
  // labeling canvas (the row already selected too, so clicking it again is not lost).
  auto open = [this](const QModelIndex& index) {
    if (index.isValid()) emit itemOpened(model_->itemId(index.row()));
  };
  connect(table_, &QTableView::clicked, this, open);
  connect(table_, &QTableView::doubleClicked, this, open);

  auto* sideBySide = new QCheckBox(tr("Side by side"));
  connect(sideBySide, &QCheckBox::toggled, this, [this](bool on) {
    canvas_->setLayout(on ? ReviewCanvas::Layout::SideBySide : ReviewCanvas::Layout::Overlay);
  });

  auto* setClass = new QPushButton(tr("Set consensus"));
  connect(setClass, &QPushButton::clicked, this, [this] {
    if (classes_->currentIndex() >= 0) setConsensusClass(classes_->currentData().toLongLong());
  });
  auto* uncertain = new QPushButton(tr("Uncertain"));
  connect(uncertain, &QPushButton::clicked, this, &ReviewPanel::markUncertain);
  auto* ambiguous = new QPushButton(tr("Mark ambiguous"));
  connect(ambiguous, &QPushButton::clicked, this, &ReviewPanel::markAmbiguous);
  auto* rename = new QPushButton(tr("Rename class…"));
  connect(rename, &QPushButton::clicked, this, &ReviewPanel::renameClassDialog);
  auto* merge = new QPushButton(tr("Merge classes…"));
  connect(merge, &QPushButton::clicked, this, &ReviewPanel::mergeClassDialog);
  auto* recompute = new QPushButton(tr("Recompute agreement"));
  connect(recompute, &QPushButton::clicked, this, &ReviewPanel::recomputeAgreement);

  auto* resolve = new QHBoxLayout;
  resolve->addWidget(classes_, 1);
  resolve->addWidget(setClass);
  resolve->addWidget(uncertain);
  resolve->addWidget(ambiguous);
  auto* standardise = new QHBoxLayout;
  standardise->addWidget(rename);
  standardise->addWidget(merge);
  standardise->addStretch(1);
  standardise->addWidget(recompute);

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->addWidget(canvas_, 1);
  rightLayout->addWidget(sideBySide);
  rightLayout->addLayout(answerButtons_);
  rightLayout->addLayout(resolve);
  rightLayout->addLayout(standardise);
  rightLayout->addWidget(trend_);
  rightLayout->addWidget(status_);

  auto* split = new QSplitter;
  split->addWidget(table_);
  split->addWidget(right);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  // Everything recomputes after any edit, including edits made elsewhere on the same stack.
  connect(ws_->undoStack(), &QUndoStack::indexChanged, this, &ReviewPanel::reload);
  connect(ws_, &widgets::Workspace::errorOccurred, status_, &QLabel::setText);
  refreshClasses();
  refreshTrend();
  if (model_->rowCount() > 0) selectRow(0);
}

void ReviewPanel::reload() {
  const auto keep = current_;
  model_->reload();
  refreshClasses();
  refreshTrend();
  int row = -1;
  for (int r = 0; r < model_->rowCount(); ++r)
    if (keep && model_->itemId(r) == *keep) row = r;
  if (row >= 0) selectRow(row);
  else showItem(keep);  // resolved items leave the queue but stay on screen
}

void ReviewPanel::selectRow(int row) {
  if (row < 0 || row >= model_->rowCount()) return;
  table_->setCurrentIndex(model_->index(row, 0));
  showItem(model_->itemId(row));
}

void ReviewPanel::showItem(std::optional<Id> item) {
  current_ = item;
  std::vector<LabelerAnswer> answers;
  QImage image;
  QSize size;
  if (item) {
    if (const auto rec = project_.items().byId(*item)) {
      image = imageOf(project_, *rec);
      size = QSize(rec->item.width, rec->item.height);
      const std::size_t voters = model_->agreementData().labelers.size();
      std::vector<Labeler> shown = model_->agreementData().labelers;
      for (const auto& l : project_.labelers().all())
        if (l.kind == LabelerKind::Consensus) shown.push_back(l);
      std::map<Id, int> votes;  // class -> labelers (not the consensus) whose image label it is
      for (std::size_t i = 0; i < shown.size(); ++i) {
        LabelerAnswer a;
        a.labeler = QString::fromStdString(shown[i].name);
        a.color = labelerColor(static_cast<int>(i));
        std::optional<Id> label;
        for (const auto& ann : project_.annotations().of(*item, shown[i].id)) {
          const auto cls = project_.classes().byId(ann.classId);
          const QString name = cls ? QString::fromStdString(cls->name) : QString();
          if (ann.kind == AnnotationKind::Box) a.boxes.emplace_back(name, ann.box);
          else {
            a.imageLabel = name;
            label = ann.classId;
          }
        }
        if (label && i < voters) ++votes[*label];
        if (!a.boxes.empty() || !a.imageLabel.isEmpty()) answers.push_back(std::move(a));
      }
      preselectMajority(votes);
      status_->setText(rec->ambiguous ? tr("%1 — marked ambiguous").arg(QString::fromStdString(rec->item.name))
                                      : QString::fromStdString(rec->item.name));
    }
  } else {
    status_->setText(model_->rowCount() == 0 ? tr("No disagreements") : QString());
  }
  canvas_->setItem(image, size, std::move(answers));
  rebuildAnswerButtons();
}

void ReviewPanel::preselectMajority(const std::map<Id, int>& votes) {
  // The answer most labelers gave is the likely resolution; a tie goes to the class listed first.
  int best = 0, at = -1;
  for (int i = 0; i < classes_->count(); ++i) {
    const auto it = votes.find(classes_->itemData(i).toLongLong());
    if (it != votes.end() && it->second > best) {
      best = it->second;
      at = i;
    }
  }
  if (at >= 0) classes_->setCurrentIndex(at);
}

void ReviewPanel::rebuildAnswerButtons() {
  while (auto* child = answerButtons_->takeAt(0)) {
    delete child->widget();
    delete child;
  }
  if (!current_) return;
  const auto& labelers = model_->agreementData().labelers;
  for (std::size_t i = 0; i < labelers.size(); ++i) {
    if (project_.annotations().of(*current_, labelers[i].id).empty()) continue;
    auto* b = new QPushButton(tr("Use %1").arg(QString::fromStdString(labelers[i].name)));
    b->setStyleSheet(QStringLiteral("border-left: 6px solid %1; padding-left: 4px;").arg(labelerColor(static_cast<int>(i)).name()));
    const Id id = labelers[i].id;
    connect(b, &QPushButton::clicked, this, [this, id] { useLabelerAnswer(id); });
    answerButtons_->addWidget(b);
  }
}

void ReviewPanel::refreshClasses() {
  const QVariant keep = classes_->currentData();
  classes_->clear();
  for (const auto& c : project_.classes().all()) classes_->addItem(QString::fromStdString(c.name), QVariant::fromValue<qlonglong>(c.id));
  const int at = classes_->findData(keep);
  if (at >= 0) classes_->setCurrentIndex(at);
}

void ReviewPanel::refreshTrend() { trend_->setPoints(trendFromSnapshots(project_.agreementHistory().all("all"))); }

template <typename Make>
void ReviewPanel::push(Make&& make) {
  QUndoCommand* command = nullptr;
  try {
    command = make();
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
    return;
  }
  // A failed write is reported through the workspace (errorOccurred) and leaves the file as it was.
  ws_->run(command);
}

void ReviewPanel::useLabelerAnswer(Id labelerId) {
  if (current_) push([&] { return pickLabelerAnswer(ws_, *current_, labelerId); });
}

void ReviewPanel::setConsensusClass(Id classId) {
  if (current_) push([&] { return setConsensusLabel(ws_, *current_, classId); });
}

void ReviewPanel::markUncertain() {
  if (!current_) return;
  push([&] {
    const bool isNew = !project_.classes().byName("uncertain");
    const Id uncertain = uncertainClass(project_).id;
    if (isNew) ws_->notifyClassesChanged();  // created on first use, outside the undo step
    return setConsensusLabel(ws_, *current_, uncertain);
  });
}

void ReviewPanel::markAmbiguous() {
  if (current_) push([&] { return new SetAmbiguousCommand(ws_, *current_, true); });
}

void ReviewPanel::renameClass(Id classId, const QString& name) {
  push([&] {
    return new widgets::EditClassCommand(ws_, classId, widgets::EditClassCommand::Field::Name,
                                         name.trimmed().toStdString());
  });
}

void ReviewPanel::mergeClass(Id from, Id into) {
  push([&] { return new MergeClassCommand(ws_, from, into); });
}

void ReviewPanel::recomputeAgreement() {
  try {
    storage::computeAgreement(project_, {}, {});
    refreshTrend();
  } catch (const std::exception& e) {
    status_->setText(QString::fromStdString(e.what()));
  }
}

void ReviewPanel::renameClassDialog() {
  if (classes_->currentIndex() < 0) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename class"), tr("New name:"), QLineEdit::Normal,
                                             classes_->currentText(), &ok);
  if (!ok || name.trimmed().isEmpty()) return;
  renameClass(classes_->currentData().toLongLong(), name);
}

void ReviewPanel::mergeClassDialog() {
  if (classes_->currentIndex() < 0) return;
  QStringList others;
  for (int i = 0; i < classes_->count(); ++i)
    if (i != classes_->currentIndex()) others << classes_->itemText(i);
  bool ok = false;
  const QString into = QInputDialog::getItem(this, tr("Merge classes"),
                                             tr("Merge \"%1\" into:").arg(classes_->currentText()), others, 0, false, &ok);
  if (!ok) return;
  mergeClass(classes_->currentData().toLongLong(), classes_->itemData(classes_->findText(into)).toLongLong());
}

}  // namespace loupe::widgets
