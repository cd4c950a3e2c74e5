#include "widgets/browser/item_delegate.h"

#include <QApplication>
#include <QImage>
#include <QPainter>

#include "core/domain/types.h"
#include "widgets/browser/item_list_model.h"

namespace loupe::widgets {

namespace {
QColor splitColor(Split s) {
  switch (s) {
    case Split::Train: return QColor("#3d7bd9");
    case Split::Val: return QColor("#d98a3d");
    case Split::Test: return QColor("#8a4fd1");
    case Split::Unassigned: break;
  }
  return QColor("#7a7f87");
}
}  // namespace

ItemDelegate::ItemDelegate(int thumbEdge, QObject* parent) : QStyledItemDelegate(parent), thumbEdge_(thumbEdge) {}

QSize ItemDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
  return QSize(220, thumbEdge_ + 8);
}

QString ItemDelegate::detailText(const QModelIndex& index) {
  const QString label = index.data(ItemListModel::ImageLabelRole).toString();
  const int boxes = index.data(ItemListModel::BoxesRole).toInt();
  QString detail = label;
  if (boxes > 0) detail += (detail.isEmpty() ? QString() : QStringLiteral(" · ")) + tr("%n box(es)", "", boxes);
  // The row's labels are the current labeler's only: others (the reference, a model) may have
  // labeled the item, so "unlabeled" would be wrong.
  if (detail.isEmpty()) detail = tr("not labeled by you");
  return detail;
}

void ItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  painter->save();
  const QRect r = option.rect;
  const bool selected = option.state & QStyle::State_Selected;
  const QPalette& pal = option.palette;
  painter->fillRect(r, selected ? pal.highlight() : (index.row() % 2 ? pal.alternateBase() : pal.base()));

  const QRect thumb(r.left() + 4, r.top() + 4, thumbEdge_, thumbEdge_);
  painter->fillRect(thumb, pal.dark());  // letterbox behind a thumbnail, from the theme
  const QImage img = index.data(Qt::DecorationRole).value<QImage>();
  if (!img.isNull()) {
    const QSize s = img.size().scaled(thumb.size(), Qt::KeepAspectRatio);
    const QRect target(thumb.center().x() - s.width() / 2 + 1, thumb.center().y() - s.height() / 2 + 1,
                       s.width(), s.height());
    painter->drawImage(target, img);
  }

  const QColor text = selected ? pal.highlightedText().color() : pal.text().color();
  const int x = thumb.right() + 10;
  QFont nameFont = option.font;
  nameFont.setBold(true);
  painter->setFont(nameFont);
  painter->setPen(text);
  const QFontMetrics nfm(nameFont);
  const QRect nameRect(x, r.top() + 6, r.right() - x - 24, nfm.height());
  painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                    nfm.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideMiddle, nameRect.width()));

  QFont small = option.font;
  small.setPointSizeF(option.font.pointSizeF() * 0.85);
  painter->setFont(small);
  const QFontMetrics sfm(small);
  const auto split = static_cast<Split>(index.data(ItemListModel::SplitRole).toInt());
  const QString splitText = QString::fromUtf8(toString(split).data());
  const QRect chip(x, nameRect.bottom() + 5, sfm.horizontalAdvance(splitText) + 10, sfm.height() + 2);
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setPen(Qt::NoPen);
  painter->setBrush(splitColor(split));
  painter->drawRoundedRect(chip, 4, 4);
  painter->setPen(Qt::white);
  painter->drawText(chip, Qt::AlignCenter, splitText);

  const QString detail = detailText(index);
  painter->setPen(selected ? text : pal.placeholderText().color());
  painter->drawText(QRect(chip.right() + 8, chip.top(), r.right() - chip.right() - 30, chip.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, detail);

  if (index.data(ItemListModel::ReviewedRole).toBool()) {
    painter->setPen(QPen(QColor("#3cb44b"), 2.2));
    const QPoint c(r.right() - 14, r.center().y());
    painter->drawPolyline(QPolygon({c + QPoint(-5, 0), c + QPoint(-1, 4), c + QPoint(6, -5)}));
  }
  painter->restore();
}

}  // namespace loupe::widgets
