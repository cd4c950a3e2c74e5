#pragma once
// The "Boxes" panel: a table of the current item's boxes. Selecting rows asks for that canvas
// selection; Delete (key or button) asks to delete the selected boxes. The panel edits nothing
// itself: whoever binds it turns the requests into the canvas selection and undoable commands.

#include <QList>
#include <QWidget>

#include "core/domain/types.h"

class QLabel;
class QPushButton;
class QTableView;

namespace loupe::widgets {

class BoxListModel;

class BoxListPanel : public QWidget {
  Q_OBJECT
 public:
  explicit BoxListPanel(QWidget* parent = nullptr);

  BoxListModel* model() const { return model_; }
  QList<Id> selectedIds() const;

 public slots:
  // Mirrors the canvas selection (emits nothing).
  void setSelectedIds(const QList<loupe::Id>& ids);

 signals:
  void selectionChosen(const QList<loupe::Id>& ids);
  void deleteRequested(const QList<loupe::Id>& ids);

 private:
  void requestDelete();

  BoxListModel* model_;
  QTableView* view_;
  QPushButton* delete_;
  QLabel* count_;
  bool syncing_ = false;
};

}  // namespace loupe::widgets
