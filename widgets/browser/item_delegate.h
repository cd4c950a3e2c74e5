#pragma once
// Paints one browser row: thumbnail, name, split chip, box count or image label, reviewed mark.
// Fixed row height so the list view can use uniform item sizes (no per-row measuring of 100k rows).

#include <QStyledItemDelegate>

namespace loupe::widgets {

class ItemDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  explicit ItemDelegate(int thumbEdge, QObject* parent = nullptr);
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  // The text after the split chip: the current labeler's image label and box count, or
  // "not labeled by you".
  static QString detailText(const QModelIndex& index);

 private:
  int thumbEdge_;
};

}  // namespace loupe::widgets
