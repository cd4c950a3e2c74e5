#include "widgets/likely_errors/likely_errors_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QKeyEvent>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <exception>

#include "storage/label_errors/box_issue_search.h"
#include "storage/label_errors/label_issue_search.h"
#include "storage/project.h"
#include "storage/training/detection_training.h"
#include "storage/training/training_data.h"
#include "widgets/likely_errors/review_decision_command.h"
#include "widgets/likely_errors/review_queue_model.h"
#include "widgets/review/labeler_colors.h"
#include "widgets/review/review_canvas.h"
#include "widgets/session/media_image.h"
#include "widgets/session/workspace.h"
#include "widgets/shadow/suggestion_layer.h"

namespace loupe::widgets {

namespace {
enum Decision { kAccept, kRelabel, kDismiss };

}  // namespace

LikelyErrorsPanel::LikelyErrorsPanel(Workspace* workspace, QWidget* parent)
    : QWidget(parent),
      ws_(workspace),
      model_(new ReviewQueueModel(this)),
      table_(new QTableView),
      preview_(new ReviewCanvas),
      labeler_(new QComboBox),
      source_(new QComboBox),
      folds_(new QSpinBox),
      epochs_(new QSpinBox),
      run_(new QPushButton(tr("Find likely errors"))),
      cancel_(new QPushButton(tr("Cancel"))),
      progress_(new QProgressBar),
      showDecided_(new QCheckBox(tr("Show decided"))),
      relabelClass_(new QComboBox),
      accept_(new QPushButton(tr("Accept suggestion"))),
      relabel_(new QPushButton(tr("Relabel"))),
      dismiss_(new QPushButton(tr("Dismiss"))),
      status_(new QLabel),
      summary_(new QLabel) {
  table_->setObjectName("likelyErrorsQueue");
  labeler_->setObjectName("likelyErrorsLabeler");
  source_->setObjectName("likelyErrorsSource");
  run_->setObjectName("likelyErrorsRun");
  cancel_->setObjectName("likelyErrorsCancel");
  relabelClass_->setObjectName("likelyErrorsClass");
  accept_->setObjectName("likelyErrorsAccept");
  relabel_->setObjectName("likelyErrorsRelabel");
  dismiss_->setObjectName("likelyErrorsDismiss");
  showDecided_->setObjectName("likelyErrorsShowDecided");
  labeler_->setToolTip(tr("Whose labels or boxes to check"));
  source_->setToolTip(tr("Cross-validation trains K models with Loupe's trainer (slow, unbiased); "
                         "a model uses its stored predictions (quick; items it trained on look more right than they are). "
                         "Boxes are always checked against a detector."));
  folds_->setRange(2, 20);
  folds_->setValue(5);
  folds_->setPrefix(tr("folds "));
  epochs_->setRange(1, 200);
  epochs_->setValue(5);
  epochs_->setPrefix(tr("epochs "));
  accept_->setToolTip(tr("Write the suggestion as your answer (Return)"));
  relabel_->setToolTip(tr("Write the class chosen beside as your answer (R)"));
  dismiss_->setToolTip(tr("The given answer is right: do not suggest this again (D)"));
  // No word wrap: a wrapping label gives the layout a height-for-width, and the dock's scroll
  // area then makes the panel as tall as the preview's size hint instead of the dock.

  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { showEntry(); });
  connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
    if (index.isValid()) emit itemOpened(model_->entry(index.row()).itemId);
  });

  connect(run_, &QPushButton::clicked, this, &LikelyErrorsPanel::run);
  connect(cancel_, &QPushButton::clicked, this, &LikelyErrorsPanel::cancel);
  connect(source_, &QComboBox::currentIndexChanged, this, [this] {
    const bool crossValidation = source_->currentData().toString().isEmpty();
    folds_->setEnabled(crossValidation);
    epochs_->setEnabled(crossValidation);
  });
  connect(showDecided_, &QCheckBox::toggled, this, &LikelyErrorsPanel::setShowDecided);
  connect(accept_, &QPushButton::clicked, this, &LikelyErrorsPanel::acceptCurrent);
  connect(relabel_, &QPushButton::clicked, this, [this] { relabelCurrent(relabelClass_->currentText()); });
  connect(dismiss_, &QPushButton::clicked, this, &LikelyErrorsPanel::dismissCurrent);
  table_->installEventFilter(this);

  auto* request = new QHBoxLayout;
  request->addWidget(new QLabel(tr("Check")));
  request->addWidget(labeler_, 1);
  request->addWidget(new QLabel(tr("against")));
  request->addWidget(source_, 1);
  request->addWidget(folds_);
  request->addWidget(epochs_);
  request->addWidget(run_);
  request->addWidget(cancel_);
  request->addWidget(progress_, 1);

  auto* decide = new QHBoxLayout;
  decide->addWidget(accept_);
  decide->addWidget(relabelClass_, 1);
  decide->addWidget(relabel_);
  decide->addWidget(dismiss_);
  decide->addStretch(1);
  decide->addWidget(showDecided_);

  auto* right = new QWidget;
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(preview_, 1);
  rightLayout->addLayout(decide);
  auto* split = new QSplitter;
  split->addWidget(table_);
  split->addWidget(right);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(request);
  layout->addWidget(summary_);
  layout->addWidget(split, 1);
  layout->addWidget(status_);

  connect(&watcher_, &QFutureWatcher<Result>::finished, this, &LikelyErrorsPanel::onDone);
  // Decisions, their undo and redo, and edits elsewhere on the shared stack reshape the queue.
  connect(ws_->undoStack(), &QUndoStack::indexChanged, this, &LikelyErrorsPanel::rebuildQueue);
  connect(ws_, &Workspace::classesChanged, this, &LikelyErrorsPanel::refreshClasses);
  reloadLabelers();
  refreshClasses();
  setRunning(false);
  showEntry();
}

LikelyErrorsPanel::~LikelyErrorsPanel() {
  if (cancelToken_) cancelToken_->cancel();
  watcher_.waitForFinished();
}

bool LikelyErrorsPanel::eventFilter(QObject* watched, QEvent* event) {
  // Return, R and D decide while the queue has focus. The window's own R and D (canvas tools)
  // would take them first, so the queue claims them through ShortcutOverride, as a line edit
  // claims the letters typed into it.
  if (watched != table_ || (event->type() != QEvent::ShortcutOverride && event->type() != QEvent::KeyPress))
    return QWidget::eventFilter(watched, event);
  auto* key = static_cast<QKeyEvent*>(event);
  const bool plain = (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
  const int k = key->key();
  if (!plain || (k != Qt::Key_Return && k != Qt::Key_Enter && k != Qt::Key_R && k != Qt::Key_D))
    return QWidget::eventFilter(watched, event);
  if (event->type() == QEvent::ShortcutOverride) {
    event->accept();
    return true;
  }
  if (k == Qt::Key_R) relabelCurrent(relabelClass_->currentText());
  else if (k == Qt::Key_D) dismissCurrent();
  else acceptCurrent();
  return true;
}

QString LikelyErrorsPanel::statusText() const { return status_->text(); }

void LikelyErrorsPanel::reloadLabelers() {
  const QString keepLabeler = labeler_->currentData().toString();
  const QString keepSource = source_->currentData().toString();
  labeler_->clear();
  source_->clear();
  source_->addItem(tr("cross-validation"), QString());
  if (!ws_->hasProject()) return;
  for (const auto& l : ws_->project().labelers().all()) {
    const QString name = QString::fromStdString(l.name);
    if (l.kind == LabelerKind::Model)
      source_->addItem(tr("model %1").arg(name), name);
    else
      labeler_->addItem(name, name);
  }
  if (const int at = labeler_->findData(keepLabeler); at >= 0) labeler_->setCurrentIndex(at);
  if (const int at = source_->findData(keepSource); at >= 0) source_->setCurrentIndex(at);
}

void LikelyErrorsPanel::refreshClasses() {
  const QString keep = relabelClass_->currentText();
  relabelClass_->clear();
  if (!ws_->hasProject()) return;
  for (const auto& c : ws_->project().classes().all()) relabelClass_->addItem(QString::fromStdString(c.name));
  if (const int at = relabelClass_->findText(keep); at >= 0) relabelClass_->setCurrentIndex(at);
}

void LikelyErrorsPanel::setRequest(const QString& labeler, const QString& model, int folds, int epochs) {
  if (const int at = labeler_->findData(labeler); at >= 0) labeler_->setCurrentIndex(at);
  if (const int at = source_->findData(model); at >= 0) source_->setCurrentIndex(at);
  folds_->setValue(folds);
  epochs_->setValue(epochs);
}

void LikelyErrorsPanel::setRunning(bool running) {
  running_ = running;
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
  labeler_->setEnabled(!running);
  source_->setEnabled(!running);
  progress_->setVisible(running);
}

void LikelyErrorsPanel::run() {
  if (isRunning() || !ws_->hasProject() || labeler_->currentIndex() < 0) return;
  const std::string labeler = labeler_->currentData().toString().toStdString();
  const std::string model = source_->currentData().toString().toStdString();
  bool boxes = false;
  try {
    boxes = storage::labelerDrawsBoxesOnly(ws_->project(), storage::chooseLabeler(ws_->project(), labeler).id);
  } catch (const std::exception& e) {
    status_->setText(QString::fromUtf8(e.what()));
    return;
  }
  if (boxes && model.empty()) {
    status_->setText(tr("%1 draws boxes: choose a detector (a model) to check them against.")
                         .arg(QString::fromStdString(labeler)));
    return;
  }
  storage::LabelIssueRequest labels;
  labels.labeler = labeler;
  labels.model = model;
  labels.folds = folds_->value();
  labels.options.epochs = epochs_->value();
  labels.options.patience = 0;  // every item is needed for training or as the held-out fold
  const storage::BoxIssueRequest boxRequest{.labeler = labeler, .model = model, .options = {}};

  cancelToken_ = std::make_shared<CancelToken>();
  progress_->setRange(0, 0);
  status_->setText(boxes ? tr("Checking boxes…") : tr("Loading images…"));
  setRunning(true);
  QPointer<LikelyErrorsPanel> self(this);
  const Progress progress{[self](std::int64_t done, std::int64_t total, const std::string& stage) {
                            QMetaObject::invokeMethod(
                                self, [self, done, total, s = QString::fromStdString(stage)] {
                                  if (self) self->onProgress(done, total, s);
                                },
                                Qt::QueuedConnection);
                          },
                          cancelToken_.get()};
  const auto path = ws_->project().path();
  auto token = cancelToken_;  // alive while the worker runs
  watcher_.setFuture(QtConcurrent::run([path, boxes, labels, boxRequest, progress, token] {
    Result r;
    try {
      // The worker's own read-only connection: a Project is used from one thread, and a search
      // never writes.
      const auto project = storage::Project::open(path, storage::OpenMode::ReadOnly);
      if (boxes)
        r.boxes = storage::findBoxIssues(project, boxRequest);
      else
        r.labels = storage::findLabelIssues(project, labels, progress);
      token->throwIfCancelled();
    } catch (const Cancelled&) {
      r.cancelled = true;
      r.labels.reset();
      r.boxes.reset();
    } catch (const std::exception& e) {
      r.error = QString::fromUtf8(e.what());
    }
    return r;
  }));
}

void LikelyErrorsPanel::cancel() {
  if (!isRunning()) return;
  cancelToken_->cancel();
  status_->setText(tr("Cancelling…"));
}

void LikelyErrorsPanel::onProgress(qint64 done, qint64 total, const QString& stage) {
  if (!isRunning()) return;
  progress_->setRange(0, total > 0 ? 1000 : 0);
  if (total > 0) progress_->setValue(static_cast<int>(1000 * done / total));
  status_->setText(stage);
}

void LikelyErrorsPanel::onDone() {
  setRunning(false);
  Result r = watcher_.result();
  if (r.cancelled) {
    status_->setText(tr("Cancelled; the queue is as it was."));
  } else if (!r.error.isEmpty()) {
    status_->setText(r.error);
  } else {
    labelOutcome_ = std::move(r.labels);
    boxOutcome_ = std::move(r.boxes);
    if (labelOutcome_) {
      const auto& o = *labelOutcome_;
      summary_->setText(
          tr("%1 likely label errors among %2 items labelled by %3 (estimated %4), by confident learning on %5. "
             "Ranked by self-confidence: 1 − p(given label).")
              .arg(o.issues.size())
              .arg(o.items)
              .arg(QString::fromStdString(o.labeler))
              .arg(o.joint.estimatedErrors(), 0, 'f', 1)
              .arg(o.source == "model" ? tr("the probabilities of model %1").arg(QString::fromStdString(o.model))
                                       : tr("%1-fold cross-validation of %2").arg(o.folds).arg(QString::fromStdString(o.arch))));
    } else if (boxOutcome_) {
      const auto& o = *boxOutcome_;
      summary_->setText(tr("%1 of %2 images with likely box errors by %3, against model %4; worst image first.")
                            .arg(o.flagged.size())
                            .arg(o.images)
                            .arg(QString::fromStdString(o.labeler), QString::fromStdString(o.model)));
    }
    status_->clear();
    table_->clearSelection();
    rebuildQueue();
    selectRow(0);
  }
  emit searchFinished();
}

void LikelyErrorsPanel::setShowDecided(bool on) {
  if (showDecided_->isChecked() != on) showDecided_->setChecked(on);
  rebuildQueue();
}

void LikelyErrorsPanel::rebuildQueue() {
  const auto keep = currentEntry();
  const int keepRow = table_->currentIndex().isValid() ? table_->currentIndex().row() : -1;
  std::vector<storage::ReviewEntry> entries;
  if (ws_->hasProject()) {
    try {
      if (labelOutcome_) entries = storage::reviewQueue(ws_->project(), *labelOutcome_, showDecided_->isChecked());
      if (boxOutcome_) entries = storage::reviewQueue(ws_->project(), *boxOutcome_, showDecided_->isChecked());
    } catch (const std::exception& e) {
      status_->setText(QString::fromUtf8(e.what()));  // e.g. the labeler was removed meanwhile
    }
  }
  model_->setEntries(std::move(entries));
  table_->resizeColumnsToContents();
  if (model_->rowCount() == 0) {
    showEntry();
    return;
  }
  // The same entry when it is still there; after a decision, the next one takes its row.
  int row = keep ? model_->rowOf(keep->itemId, keep->subject) : -1;
  if (row < 0) row = std::clamp(keepRow, 0, model_->rowCount() - 1);  // an undo can refill an empty queue
  selectRow(row);
}

void LikelyErrorsPanel::selectRow(int row) {
  if (row < 0 || row >= model_->rowCount()) return;
  table_->setCurrentIndex(model_->index(row, 0));
  showEntry();
}

std::optional<storage::ReviewEntry> LikelyErrorsPanel::currentEntry() const {
  const QModelIndex index = table_->currentIndex();
  if (!index.isValid() || index.row() >= model_->rowCount()) return std::nullopt;
  return model_->entry(index.row());
}

void LikelyErrorsPanel::showEntry() {
  const auto entry = currentEntry();
  for (QWidget* w : {static_cast<QWidget*>(accept_), static_cast<QWidget*>(relabel_), static_cast<QWidget*>(dismiss_)})
    w->setEnabled(entry.has_value());
  if (!entry || !ws_->hasProject()) {
    preview_->setItem({}, {}, {});
    if (!isRunning() && (labelOutcome_ || boxOutcome_) && model_->rowCount() == 0)
      status_->setText(tr("Nothing left to review."));
    return;
  }
  auto& project = ws_->project();
  const auto record = project.items().byId(entry->itemId);
  if (!record) return;
  QImage image;
  if (const auto media = project.items().media(entry->itemId))
    image = decodeMedia(media->bytes, media->format, record->item.width, record->item.height);
  const auto labeler = project.labelers().byId(entry->labelerId);
  const QString who = labeler ? QString::fromStdString(labeler->name) : QString();

  LabelerAnswer given{.labeler = who, .color = labelerColor(0), .boxes = {}, .imageLabel = {}, .style = Qt::SolidLine};
  LabelerAnswer suggested{.labeler = tr("suggested"), .color = SuggestionLayer::modelColor(), .boxes = {}, .imageLabel = {}, .style = Qt::SolidLine};
  suggested.style = Qt::DashLine;  // a suggestion, not an answer
  std::vector<LabelerAnswer> answers;
  if (!entry->box) {
    given.imageLabel = ReviewQueueModel::givenText(*entry);
    suggested.imageLabel = QString("%1 (score %2)").arg(ReviewQueueModel::suggestedText(*entry)).arg(entry->score, 0, 'f', 2);
    answers = {given, suggested};
  } else {
    // The labeler's other boxes for context (muted), the questioned one, and the suggestion.
    const auto& issue = *entry->box;
    LabelerAnswer others{.labeler = tr("%1's other boxes").arg(who), .color = QColor(150, 150, 150), .boxes = {}, .imageLabel = {}, .style = Qt::SolidLine};
    for (const auto& a : project.annotations().of(entry->itemId, entry->labelerId)) {
      if (a.kind != AnnotationKind::Box || (issue.given && a.box == *issue.given)) continue;
      const auto cls = project.classes().byId(a.classId);
      others.boxes.emplace_back(cls ? QString::fromStdString(cls->name) : QString(), a.box);
    }
    if (!others.boxes.empty()) answers.push_back(others);
    if (issue.given) given.boxes.emplace_back(QString::fromStdString(issue.givenClass), *issue.given);
    given.imageLabel = ReviewQueueModel::issueText(*entry) + ": " + ReviewQueueModel::givenText(*entry);
    answers.push_back(given);
    if (issue.predicted && issue.kind != "spurious")
      suggested.boxes.emplace_back(QString::fromStdString(issue.predictedClass), *issue.predicted);
    suggested.imageLabel = QString("%1 (score %2)").arg(ReviewQueueModel::suggestedText(*entry)).arg(entry->score, 0, 'f', 2);
    answers.push_back(suggested);
  }
  preview_->setItem(image, QSize(record->item.width, record->item.height), std::move(answers));
  // Relabel starts at the suggestion (or, with none, the given class).
  const QString preset = QString::fromStdString(entry->suggested.empty() ? entry->given : entry->suggested);
  if (const int at = relabelClass_->findText(preset); at >= 0) relabelClass_->setCurrentIndex(at);
  status_->setText(tr("%1 of %2 — %3").arg(table_->currentIndex().row() + 1).arg(model_->rowCount()).arg(QString::fromStdString(entry->item)));
}

void LikelyErrorsPanel::acceptCurrent() { decide(kAccept, {}); }
void LikelyErrorsPanel::relabelCurrent(const QString& className) { decide(kRelabel, className); }
void LikelyErrorsPanel::dismissCurrent() { decide(kDismiss, {}); }

void LikelyErrorsPanel::decide(int kind, const QString& className) {
  const auto entry = currentEntry();
  if (!entry || !ws_->hasProject()) return;
  if (!ws_->labeler().id) {
    status_->setText(tr("Choose who you are (File > Switch labeler) before deciding."));
    return;
  }
  if (kind == kRelabel && className.isEmpty()) return;
  const auto k = kind == kAccept    ? ReviewDecisionCommand::Kind::Accept
                 : kind == kRelabel ? ReviewDecisionCommand::Kind::Relabel
                                    : ReviewDecisionCommand::Kind::Dismiss;
  // A refused write (an unknown class, a box another process removed) is reported by the
  // workspace and leaves the file and the queue as they were.
  ws_->run(new ReviewDecisionCommand(ws_, *entry, k, className.toStdString()));
}

}  // namespace loupe::widgets
