#pragma once
// Virtualized list of the project's items under the current filter. Only the row count is asked
// up front; rows are fetched in pages when the view needs them and kept in a bounded LRU of
// pages, so a 100,000-item project opens at once and memory stays flat while scrolling.

#include <QAbstractListModel>
#include <QCache>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

class ThumbnailCache;

struct BrowserRow {
  Id id = 0;
  QString name;
  Split split = Split::Unassigned;
  bool reviewed = false;
  int boxes = 0;       // the current labeler's boxes
  QString imageLabel;  // the current labeler's image-level label, if any
};

class ItemListModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role { IdRole = Qt::UserRole + 1, SplitRole, ReviewedRole, BoxesRole, ImageLabelRole };
  using CountFn = std::function<std::int64_t()>;
  using PageFn = std::function<std::vector<BrowserRow>(std::int64_t offset, std::int64_t limit)>;

  static constexpr int kPageSize = 256;

  explicit ItemListModel(QObject* parent = nullptr);

  // Replaces the data source (new project or new filter) and resets the model.
  void setSource(CountFn count, PageFn page);
  // Re-reads everything (after edits that may change the filter's result).
  void reload();
  // Drops cached rows so they are re-read when next shown, without resetting the view
  // (e.g. an item was marked reviewed or got a box, or another process added items).
  void refreshRows();
  void setThumbnails(ThumbnailCache* thumbnails);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

  std::optional<BrowserRow> rowAt(int row) const;
  // Row of `id` if it lies in a cached page, else -1 (callers then ask storage for the position).
  int cachedRowOf(Id id) const;
  int pagesCached() const { return static_cast<int>(pages_.size()); }

 private:
  const std::vector<BrowserRow>* page(int index) const;

  CountFn count_;
  PageFn fetch_;
  int rows_ = 0;
  mutable QCache<int, std::vector<BrowserRow>> pages_;
  ThumbnailCache* thumbnails_ = nullptr;
};

}  // namespace loupe::widgets
