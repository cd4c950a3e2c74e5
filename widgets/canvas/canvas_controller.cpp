#include "widgets/canvas/canvas_controller.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QSettings>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <map>

#include "storage/project.h"
#include "widgets/classes/hotkeys.h"
#include "widgets/commands/annotation_commands.h"
#include "widgets/session/media_image.h"
#include "widgets/session/project_settings.h"
#include "widgets/session/workspace.h"

namespace loupe::widgets {

QRectF toRect(const Box& b) { return QRectF(b.x, b.y, b.w, b.h); }
Box toBox(const QRectF& r) { return Box{r.x(), r.y(), r.width(), r.height()}; }

namespace {
QImage placeholder(QSize size, const QString& text) {
  if (size.isEmpty()) size = QSize(320, 240);
  QImage img(size, QImage::Format_RGB32);
  const QPalette pal = QGuiApplication::palette();  // the theme's, not a colour of ours
  img.fill(pal.color(QPalette::Mid));
  QPainter p(&img);
  p.setPen(pal.color(QPalette::WindowText));
  p.drawText(img.rect(), Qt::AlignCenter | Qt::TextWordWrap, text);
  return img;
}
}  // namespace

CanvasController::CanvasController(Workspace* workspace, CanvasView* view, QObject* parent)
    : QObject(parent), ws_(workspace), view_(view), refreshRetry_(new QTimer(this)) {
  refreshRetry_->setSingleShot(true);
  refreshRetry_->setInterval(100);
  connect(refreshRetry_, &QTimer::timeout, this, &CanvasController::refreshFromFile);
  connect(ws_, &Workspace::changedOutside, this, &CanvasController::refreshFromFile);
  connect(ws_, &Workspace::currentItemChanged, this, &CanvasController::reload);
  connect(ws_, &Workspace::labelerChanged, this, &CanvasController::reload);
  connect(ws_, &Workspace::projectChanged, this, [this] {
    onClassesChanged();
    reload();
  });
  connect(ws_, &Workspace::annotationChanged, this, &CanvasController::onAnnotationChanged);
  connect(ws_, &Workspace::annotationRemoved, this, &CanvasController::onAnnotationRemoved);
  connect(ws_, &Workspace::classesChanged, this, &CanvasController::onClassesChanged);
  connect(ws_, &Workspace::activeClassChanged, this, &CanvasController::updateDrawColor);
  connect(view_, &CanvasView::boxDrawn, this, &CanvasController::onBoxDrawn);
  connect(view_, &CanvasView::boxesEdited, this, &CanvasController::onBoxesEdited);
  connect(view_, &CanvasView::deleteRequested, this, &CanvasController::onDeleteRequested);
  connect(view_, &CanvasView::digitPressed, this, &CanvasController::onDigit);
}

CanvasBox CanvasController::toCanvas(const Annotation& a) const {
  const auto it = classes_.constFind(a.classId);
  CanvasBox b;
  b.id = a.id;
  b.classId = a.classId;
  b.rect = toRect(a.box);
  b.color = it == classes_.constEnd() ? QColor(Qt::white) : QColor(QString::fromStdString(it->color));
  b.label = it == classes_.constEnd() ? QString() : QString::fromStdString(it->name);
  return b;
}

void CanvasController::reload() {
  imageLabel_ = imageLabelAnnotation_ = 0;
  shownMedia_.reset();
  shownSize_ = {};
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId) {
    overlayOf_.clear();
    otherImageLabels_.clear();
    view_->setImage(placeholder({}, tr("No item")), {});
    view_->boxes()->clearBoxes();
    view_->clearOverlays();
    emit imageLabelChanged(0);
    emit boxCountChanged(0);
    emitOtherImageLabels();
    return;
  }
  storage::Project& p = ws_->project();
  const auto record = p.items().byId(itemId);
  if (!record) return;
  const QSize size(record->item.width, record->item.height);
  QImage image;
  try {
    if (const auto media = p.items().media(itemId)) image = decodeMedia(media->bytes, media->format, size.width(), size.height());
    if (image.isNull()) image = placeholder(size, tr("No image for this item"));
  } catch (const std::exception& e) {
    image = placeholder(size, tr("Image unavailable:\n%1").arg(QString::fromUtf8(e.what())));
    emit message(tr("Image unavailable: %1").arg(QString::fromUtf8(e.what())));
  }
  view_->setImage(image, size.isEmpty() ? image.size() : size);
  shownMedia_ = record->item.mediaId;
  shownSize_ = size;
  loadAnnotations(itemId);
}

void CanvasController::loadAnnotations(Id itemId) {
  overlayOf_.clear();
  otherImageLabels_.clear();
  imageLabel_ = imageLabelAnnotation_ = 0;
  storage::Project& p = ws_->project();
  std::vector<CanvasBox> own;
  std::map<Id, std::vector<CanvasBox>> others;
  const Id me = ws_->labeler().id;
  for (const Annotation& a : p.annotations().of(itemId)) {
    if (a.kind == AnnotationKind::ImageLabel) {
      if (a.labelerId == me) {
        imageLabel_ = a.classId;
        imageLabelAnnotation_ = a.id;
      } else {
        otherImageLabels_[a.labelerId] = a.classId;
      }
      continue;
    }
    if (a.labelerId == me) {
      own.push_back(toCanvas(a));
    } else {
      others[a.labelerId].push_back(toCanvas(a));
      overlayOf_.insert(a.id, a.labelerId);
    }
  }
  view_->boxes()->setBoxes(own);
  view_->boxes()->setLocked(savedLocks(itemId));
  view_->clearOverlays();
  for (const auto& [labeler, boxes] : others) view_->overlay(labeler)->setBoxes(boxes);
  for (Id labeler : visibleOverlays_) view_->overlay(labeler);
  labelerNames_.clear();
  for (const Labeler& l : p.labelers().all()) {
    labelerNames_.insert(l.id, QString::fromStdString(l.name));
    if (l.id != me) view_->setOverlayVisible(l.id, visibleOverlays_.contains(l.id));
  }
  emitOtherImageLabels();
  updateDrawColor();
  emit imageLabelChanged(imageLabel_);
  emit boxCountChanged(view_->boxes()->count());
}

void CanvasController::refreshFromFile() {
  if (!ws_->hasProject()) return;
  if (view_->interacting()) {
    refreshRetry_->start();
    return;
  }
  onClassesChanged();
  const Id itemId = ws_->currentItem();
  if (!itemId) return;
  const auto record = ws_->project().items().byId(itemId);
  if (!record) return;  // removed: the main window moves off it
  if (record->item.mediaId != shownMedia_ || QSize(record->item.width, record->item.height) != shownSize_) {
    reload();  // e.g. a folder import attached the image of a labels-only item
    return;
  }
  const BoxLayer* own = view_->boxes();
  const QList<Id> selected = view_->selectedIds();
  const Id primary = view_->primarySelection();
  const bool grabbable = view_->selectionGrabbable();
  const QSet<Id> hidden = own->hidden();
  const QSet<Id> locked = own->locked();
  loadAnnotations(itemId);
  auto stillThere = [this](QSet<Id> ids) {
    for (auto it = ids.begin(); it != ids.end();) it = view_->boxes()->box(*it) ? std::next(it) : ids.erase(it);
    return ids;
  };
  view_->boxes()->setHidden(stillThere(hidden));
  view_->boxes()->setLocked(stillThere(locked));
  QList<Id> keep;  // the primary box last, as setSelectedIds expects
  for (Id id : selected)
    if (id != primary) keep.append(id);
  if (primary) keep.append(primary);
  view_->setSelectedIds(keep, grabbable);
}

void CanvasController::setClassificationMode(bool on) {
  classification_ = on;
  view_->setDrawingEnabled(!on);
  emit message(on ? tr("Classification mode: number keys set the image label")
                  : tr("Box mode: drag to draw, number keys set the class"));
}

void CanvasController::setOverlayVisible(Id labelerId, bool visible) {
  if (visible) visibleOverlays_.insert(labelerId);
  else visibleOverlays_.remove(labelerId);
  view_->setOverlayVisible(labelerId, visible);
  emitOtherImageLabels();
}

void CanvasController::emitOtherImageLabels() {
  // Only labelers the user chose to see: other people's labels shown unasked would anchor
  // this labeler's judgement and spoil the agreement measurement.
  QStringList out;
  for (const auto& [labeler, classId] : otherImageLabels_)
    if (visibleOverlays_.contains(labeler))
      out << QStringLiteral("%1: %2").arg(labelerNames_.value(labeler), QString::fromStdString(classes_.value(classId).name));
  emit otherImageLabelsChanged(out);
}

void CanvasController::hideSelected() {
  QSet<Id> hidden = view_->boxes()->hidden();
  for (Id id : view_->selectedIds()) hidden.insert(id);
  view_->clearSelection();
  view_->boxes()->setHidden(hidden);
  emit message(tr("%n box(es) hidden (Shift+H shows them)", "", static_cast<int>(hidden.size())));
}

void CanvasController::showAllBoxes() { view_->boxes()->setHidden({}); }

void CanvasController::toggleLockSelected() {
  QSet<Id> locked = view_->boxes()->locked();
  const QList<Id> sel = view_->selectedIds();
  const bool allLocked = !sel.isEmpty() && std::all_of(sel.begin(), sel.end(), [&](Id id) { return locked.contains(id); });
  for (Id id : sel) {
    if (allLocked) locked.remove(id);
    else locked.insert(id);
  }
  view_->boxes()->setLocked(locked);
  view_->setSelectedIds(sel);  // refresh handles (hidden on locked boxes)
  saveLocks(ws_->currentItem(), locked);
}

// Locks live in this workstation's settings, per project file, item and labeler, like the other view
// state (hidden boxes, visible overlays): a lock guards one labeler's finished boxes against a
// stray drag and says nothing about the image, so exports, the CLI and other labelers have no
// use for it, and keeping it in the project file would cost a schema migration.
QString CanvasController::locksKey(Id itemId) const {
  // Per labeler: the boxes on screen are this labeler's, so another's locks are never pruned here.
  return projectSettingsKey(QStringLiteral("lockedBoxes"), ws_->project().path(),
                            QStringLiteral("%1 %2").arg(itemId).arg(QString::fromStdString(ws_->labeler().name)));
}

void CanvasController::saveLocks(Id itemId, const QSet<Id>& locked) {
  if (!ws_->hasProject() || !itemId) return;
  QSettings settings;
  if (locked.isEmpty()) return settings.remove(locksKey(itemId));
  QList<Id> sorted(locked.begin(), locked.end());
  std::sort(sorted.begin(), sorted.end());
  QStringList ids;
  for (Id id : sorted) ids << QString::number(id);
  settings.setValue(locksKey(itemId), ids);
}

QSet<Id> CanvasController::savedLocks(Id itemId) {
  QSet<Id> out;
  const QStringList ids = QSettings().value(locksKey(itemId)).toStringList();
  for (const QString& s : ids)
    if (const Id id = s.toLongLong(); view_->boxes()->box(id)) out.insert(id);
  if (out.size() != ids.size()) saveLocks(itemId, out);  // boxes deleted since
  return out;
}

void CanvasController::copyBoxesFrom(Id fromItem) {
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId || !fromItem || fromItem == itemId) return;
  const QRectF bounds = view_->imageRect();
  std::vector<Annotation> copies;
  int clipped = 0, dropped = 0;
  for (Annotation a : ws_->project().annotations().of(fromItem, ws_->labeler().id)) {
    if (a.kind != AnnotationKind::Box) continue;
    const QRectF whole = toRect(a.box);
    const QRectF r = whole.intersected(bounds);  // the previous image may be larger
    if (r.width() < 1 || r.height() < 1) {
      ++dropped;
      continue;
    }
    if (r != whole) ++clipped;
    a.id = 0;
    a.itemId = itemId;
    a.box = toBox(r);
    copies.push_back(a);
  }
  if (copies.empty()) {
    emit message(dropped ? tr("Nothing copied: the previous item's %n box(es) lie outside this image", "", dropped)
                         : tr("The previous item has no boxes of yours to copy"));
    return;
  }
  // Said, not silent: a box cut to a smaller image or left out must not go unnoticed.
  const int n = static_cast<int>(copies.size());
  ws_->run(new AddAnnotationsCommand(ws_, itemId, std::move(copies), tr("Copy %n box(es) from previous item", "", n)));
  QString text = tr("Copied %n box(es) from the previous item", "", n);
  QStringList notes;
  if (clipped) notes << tr("%n clipped to this image", "", clipped);
  if (dropped) notes << tr("%n dropped (outside this image)", "", dropped);
  if (!notes.isEmpty()) text += QStringLiteral(": ") + notes.join(QStringLiteral(", "));
  emit message(text);
}

void CanvasController::selectAllBoxes() {
  const BoxLayer* own = view_->boxes();
  QList<Id> ids;
  for (Id id : own->ids())
    if (!own->hidden().contains(id) && !own->locked().contains(id)) ids.append(id);
  view_->setSelectedIds(ids);
}

void CanvasController::setImageLabel(Id classId) {
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId || classId == imageLabel_) return;
  ws_->run(new SetImageLabelCommand(ws_, itemId, ws_->labeler().id, classId));
}

Id CanvasController::classForDigit(int digit) const {
  const auto keys = digitKeys(orderedClasses_);
  const auto it = keys.find(digit);
  return it == keys.end() ? 0 : it->second;
}

void CanvasController::onAnnotationChanged(Id itemId, Id annotationId) {
  if (itemId != ws_->currentItem()) return;
  const auto a = ws_->project().annotations().byId(annotationId);
  if (!a) return;
  const Id me = ws_->labeler().id;
  if (a->kind == AnnotationKind::ImageLabel) {
    if (a->labelerId == me) {
      imageLabel_ = a->classId;
      imageLabelAnnotation_ = a->id;
      emit imageLabelChanged(imageLabel_);
    }
    return;
  }
  if (a->labelerId == me) {
    view_->boxes()->upsert(toCanvas(*a));
    if (selectNextAdded_) {
      selectNextAdded_ = false;
      view_->setSelectedIds({a->id}, false);
    }
    emit boxCountChanged(view_->boxes()->count());
  } else {
    view_->overlay(a->labelerId)->upsert(toCanvas(*a));
    view_->setOverlayVisible(a->labelerId, visibleOverlays_.contains(a->labelerId));
    overlayOf_.insert(a->id, a->labelerId);
  }
}

void CanvasController::onAnnotationRemoved(Id itemId, Id annotationId) {
  if (itemId != ws_->currentItem()) return;
  if (annotationId == imageLabelAnnotation_) {
    imageLabel_ = imageLabelAnnotation_ = 0;
    emit imageLabelChanged(0);
    return;
  }
  if (const auto it = overlayOf_.constFind(annotationId); it != overlayOf_.constEnd()) {
    view_->overlay(*it)->remove(annotationId);
    overlayOf_.remove(annotationId);
    return;
  }
  const QList<Id> before = view_->selectedIds();
  view_->boxes()->remove(annotationId);
  if (before.contains(annotationId)) {
    QList<Id> after = before;
    after.removeAll(annotationId);
    view_->setSelectedIds(after);
  }
  emit boxCountChanged(view_->boxes()->count());
}

void CanvasController::onClassesChanged() {
  classes_.clear();
  orderedClasses_.clear();
  if (ws_->hasProject()) orderedClasses_ = ws_->project().classes().all();
  for (const ClassDef& c : orderedClasses_) classes_.insert(c.id, c);
  refreshColors();
  updateDrawColor();
}

void CanvasController::refreshColors() {
  // Recolour/rename in place: cheaper than reloading the image.
  auto recolor = [this](BoxLayer* layer) {
    for (Id id : layer->ids()) {
      CanvasBox b = *layer->box(id);
      const auto it = classes_.constFind(b.classId);
      if (it == classes_.constEnd()) continue;
      b.color = QColor(QString::fromStdString(it->color));
      b.label = QString::fromStdString(it->name);
      layer->upsert(b);
    }
  };
  recolor(view_->boxes());
  for (Id labeler : QSet<Id>(overlayOf_.begin(), overlayOf_.end())) recolor(view_->overlay(labeler));
}

void CanvasController::updateDrawColor() {
  const auto it = classes_.constFind(ws_->activeClass());
  view_->setDrawColor(it == classes_.constEnd() ? QColor("#ffb000") : QColor(QString::fromStdString(it->color)));
}

void CanvasController::onBoxDrawn(const QRectF& rect) {
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId) return;
  Id classId = ws_->activeClass();
  if (!classes_.contains(classId)) {
    if (orderedClasses_.empty()) {
      emit message(tr("Add a class first (Classes panel, +)"));
      return;
    }
    classId = orderedClasses_.front().id;
    ws_->setActiveClass(classId);
  }
  Annotation a;
  a.itemId = itemId;
  a.labelerId = ws_->labeler().id;
  a.classId = classId;
  a.kind = AnnotationKind::Box;
  a.box = toBox(rect);
  selectNextAdded_ = true;  // the new box becomes the selection: a digit key relabels it
  ws_->run(new AddAnnotationsCommand(ws_, itemId, {a}, tr("Draw box")));
  selectNextAdded_ = false;
}

void CanvasController::onBoxesEdited(const std::vector<BoxEdit>& edits, bool nudge) {
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId || edits.empty()) return;
  std::vector<BoxChange> changes;
  for (const BoxEdit& e : edits) changes.push_back({e.id, toBox(e.before), toBox(e.after)});
  ws_->run(new ChangeBoxesCommand(ws_, itemId, std::move(changes), nudge));
}

void CanvasController::onDeleteRequested(const QList<Id>& ids) {
  const Id itemId = ws_->currentItem();
  if (!ws_->hasProject() || !itemId || ids.isEmpty()) return;
  ws_->run(new DeleteAnnotationsCommand(ws_, itemId, std::vector<Id>(ids.begin(), ids.end())));
}

void CanvasController::onDigit(int digit) {
  const Id classId = classForDigit(digit);
  if (!classId) {
    emit message(tr("No class on key %1").arg(digit));
    return;
  }
  const Id itemId = ws_->currentItem();
  if (classification_) {
    setImageLabel(classId);
    return;
  }
  std::vector<Id> change;
  for (Id id : view_->selectedIds())
    if (view_->boxes()->box(id)->classId != classId) change.push_back(id);
  ws_->setActiveClass(classId);
  if (!view_->selectedIds().isEmpty()) {
    if (!change.empty() && itemId) ws_->run(new SetClassCommand(ws_, itemId, std::move(change), classId));
    return;
  }
  emit message(tr("Next box: %1").arg(QString::fromStdString(classes_.value(classId).name)));
}

}  // namespace loupe::widgets
