#pragma once
// The dataset browser dock: search and filter bar over a virtualized list of items.

#include <QWidget>

#include <vector>

#include "core/domain/types.h"
#include "storage/records.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;

namespace loupe::widgets {

class ItemListModel;

class BrowserPanel : public QWidget {
  Q_OBJECT

 public:
  BrowserPanel(ItemListModel* model, int thumbEdge, QWidget* parent = nullptr);

  void setClasses(const std::vector<ClassDef>& classes);
  void setLabelers(const std::vector<Labeler>& labelers);
  // key -> values, for the attribute filter.
  void setAttributes(const std::vector<std::pair<std::string, std::vector<std::string>>>& attributes);
  // The filter as chosen; "unlabeled" means by the current labeler, which the caller fills in.
  storage::ItemFilter filter() const;
  void setTotal(std::int64_t total);  // items in the project (the filtered count comes from the model)

  QListView* list() const { return list_; }
  // Selects and (with `scroll`) scrolls to `row` without emitting itemActivated.
  void showRow(int row, bool scroll = true);

 signals:
  void filterChanged(const loupe::storage::ItemFilter& filter);
  void itemActivated(loupe::Id itemId);

 private:
  void emitFilter();
  void updateCount();

  ItemListModel* model_;
  QListView* list_;
  QLineEdit* search_;
  QComboBox* split_;
  QComboBox* class_;
  QComboBox* labeler_;
  QComboBox* attribute_;
  QComboBox* state_;
  QLabel* count_;
  QTimer* debounce_;
  std::int64_t total_ = 0;
  bool quiet_ = false;
};

}  // namespace loupe::widgets
