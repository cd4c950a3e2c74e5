#pragma once
// Connects the canvas to the workspace: shows the current item (image, the labeler's boxes,
// other labelers' boxes as read-only overlays) and turns what the user does on the canvas into
// undoable commands. Holds view state only (hidden/locked boxes, visible overlays); locks are
// remembered per project file and item in QSettings.

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

#include "core/domain/types.h"
#include "widgets/canvas/canvas_view.h"

class QTimer;

namespace loupe::widgets {

class Workspace;

class CanvasController : public QObject {
  Q_OBJECT

 public:
  CanvasController(Workspace* workspace, CanvasView* view, QObject* parent = nullptr);

  // Reloads the current item from storage.
  void reload();
  // Re-reads the current item's annotations and the classes after another process wrote to the
  // file, keeping zoom, scroll, the selection (boxes that still exist), hidden and locked boxes.
  // Waits while a drag is under way. The image is reloaded only if the item's media changed.
  void refreshFromFile();

  // Classification mode: number keys set the image-level label instead of a box class.
  void setClassificationMode(bool on);
  bool classificationMode() const { return classification_; }

  void setOverlayVisible(Id labelerId, bool visible);
  const QSet<Id>& visibleOverlays() const { return visibleOverlays_; }

  void hideSelected();
  void showAllBoxes();
  void toggleLockSelected();
  // Selects every visible, unlocked box of the current labeler (Ctrl+A).
  void selectAllBoxes();
  // Copies the current labeler's boxes of `fromItem` onto the current item (one undo step),
  // clipped to this image; the status bar says how many were copied, clipped and dropped.
  void copyBoxesFrom(Id fromItem);
  // Sets the current labeler's image label of the current item (0 clears it).
  void setImageLabel(Id classId);
  // The class a digit key means: the class with that hotkey, else the n-th class in order.
  Id classForDigit(int digit) const;

  Id imageLabel() const { return imageLabel_; }
  int boxCount() const { return view_->boxes()->count(); }

 signals:
  void imageLabelChanged(loupe::Id classId);
  void boxCountChanged(int count);
  // Image labels of the other labelers whose overlay is switched on, e.g. "bob: Coat".
  void otherImageLabelsChanged(const QStringList& labels);
  void message(const QString& text);

 private:
  void loadAnnotations(Id itemId);
  void onAnnotationChanged(Id itemId, Id annotationId);
  void onAnnotationRemoved(Id itemId, Id annotationId);
  void onClassesChanged();
  void onBoxDrawn(const QRectF& rect);
  void onBoxesEdited(const std::vector<BoxEdit>& edits, bool nudge);
  void onDeleteRequested(const QList<Id>& ids);
  void onDigit(int digit);
  void refreshColors();
  void emitOtherImageLabels();
  void updateDrawColor();
  CanvasBox toCanvas(const Annotation& a) const;
  QString locksKey(Id itemId) const;
  void saveLocks(Id itemId, const QSet<Id>& locked);
  QSet<Id> savedLocks(Id itemId);  // of the boxes on screen (setBoxes first)

  Workspace* ws_;
  CanvasView* view_;
  QHash<Id, ClassDef> classes_;
  std::vector<ClassDef> orderedClasses_;
  QHash<Id, Id> overlayOf_;  // annotation id -> labeler id, for other labelers' boxes
  QSet<Id> visibleOverlays_;
  std::map<Id, Id> otherImageLabels_;  // labeler -> class, on the current item
  QHash<Id, QString> labelerNames_;
  Id imageLabel_ = 0;
  Id imageLabelAnnotation_ = 0;
  bool classification_ = false;
  bool selectNextAdded_ = false;
  std::optional<Id> shownMedia_;  // media of the image on screen
  QSize shownSize_;
  QTimer* refreshRetry_;  // a refresh that waited for a drag to end
};

QRectF toRect(const Box& b);
Box toBox(const QRectF& r);

}  // namespace loupe::widgets
