#pragma once
// Spatial index over the boxes of one image, so painting and hit-testing cost grows with the
// boxes near the cursor or on screen, not with all boxes of the item (5,000+ must stay smooth).

#include <QPointF>
#include <QRectF>

#include <memory>
#include <utility>
#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

class BoxIndex {
 public:
  BoxIndex();
  ~BoxIndex();
  BoxIndex(const BoxIndex&) = delete;
  BoxIndex& operator=(const BoxIndex&) = delete;

  // Replaces the content; bulk loading packs the tree, which is much faster than inserting.
  void assign(const std::vector<std::pair<Id, QRectF>>& boxes);
  void insert(Id id, const QRectF& rect);
  // `rect` must be the rectangle the id was inserted with.
  void remove(Id id, const QRectF& rect);
  void clear();
  std::size_t size() const;

  std::vector<Id> intersecting(const QRectF& area) const;
  std::vector<Id> containing(const QPointF& point) const;

 private:
  struct Tree;
  std::unique_ptr<Tree> tree_;
};

}  // namespace loupe::widgets
