#include "widgets/browser/item_list_model.h"

#include <QColor>
#include <QPixmap>

#include <limits>

#include "widgets/browser/thumbnail_cache.h"

namespace loupe::widgets {

ItemListModel::ItemListModel(QObject* parent) : QAbstractListModel(parent), pages_(64) {}

void ItemListModel::setSource(CountFn count, PageFn page) {
  count_ = std::move(count);
  fetch_ = std::move(page);
  reload();
}

void ItemListModel::reload() {
  beginResetModel();
  pages_.clear();
  const std::int64_t n = count_ ? count_() : 0;
  rows_ = static_cast<int>(std::min<std::int64_t>(n, std::numeric_limits<int>::max()));
  endResetModel();
}

void ItemListModel::refreshRows() {
  pages_.clear();
  const std::int64_t n64 = count_ ? count_() : 0;
  const int n = static_cast<int>(std::min<std::int64_t>(n64, std::numeric_limits<int>::max()));
  // Rows added or gone are announced at the end rather than by a reset, which would throw away
  // the view's scroll position and current row (an import running beside the GUI adds items).
  if (n > rows_) {
    beginInsertRows({}, rows_, n - 1);
    rows_ = n;
    endInsertRows();
  } else if (n < rows_) {
    beginRemoveRows({}, n, rows_ - 1);
    rows_ = n;
    endRemoveRows();
  }
  if (rows_ > 0) emit dataChanged(index(0), index(rows_ - 1));
}

void ItemListModel::setThumbnails(ThumbnailCache* thumbnails) {
  thumbnails_ = thumbnails;
  connect(thumbnails_, &ThumbnailCache::ready, this, [this](Id id) {
    const int row = cachedRowOf(id);
    if (row >= 0) emit dataChanged(index(row), index(row), {Qt::DecorationRole});
  });
}

int ItemListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_; }

const std::vector<BrowserRow>* ItemListModel::page(int index) const {
  if (auto* p = pages_.object(index)) return p;
  if (!fetch_) return nullptr;
  auto* rows = new std::vector<BrowserRow>(fetch_(std::int64_t(index) * kPageSize, kPageSize));
  pages_.insert(index, rows);
  return rows;
}

std::optional<BrowserRow> ItemListModel::rowAt(int row) const {
  if (row < 0 || row >= rows_) return std::nullopt;
  const auto* p = page(row / kPageSize);
  const auto offset = static_cast<std::size_t>(row % kPageSize);
  if (!p || offset >= p->size()) return std::nullopt;
  return (*p)[offset];
}

int ItemListModel::cachedRowOf(Id id) const {
  for (int key : pages_.keys()) {
    const auto* p = pages_.object(key);
    for (std::size_t i = 0; i < p->size(); ++i)
      if ((*p)[i].id == id) return key * kPageSize + static_cast<int>(i);
  }
  return -1;
}

QVariant ItemListModel::data(const QModelIndex& index, int role) const {
  const auto row = rowAt(index.row());
  if (!row) return {};
  switch (role) {
    case Qt::DisplayRole:
      return row->name;
    case Qt::ToolTipRole:
      return QStringLiteral("%1\n%2 · %3 boxes%4")
          .arg(row->name, QString::fromUtf8(toString(row->split).data()))
          .arg(row->boxes)
          .arg(row->reviewed ? QStringLiteral(" · reviewed") : QString());
    case Qt::DecorationRole:
      if (thumbnails_) {
        const QImage img = thumbnails_->get(row->id);
        if (!img.isNull()) return img;
      }
      return {};
    case IdRole:
      return QVariant::fromValue<qlonglong>(row->id);
    case SplitRole:
      return static_cast<int>(row->split);
    case ReviewedRole:
      return row->reviewed;
    case BoxesRole:
      return row->boxes;
    case ImageLabelRole:
      return row->imageLabel;
    default:
      return {};
  }
}

}  // namespace loupe::widgets
