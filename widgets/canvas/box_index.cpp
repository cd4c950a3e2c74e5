#include "widgets/canvas/box_index.h"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <iterator>

namespace loupe::widgets {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Rect = bg::model::box<Point>;
using Value = std::pair<Rect, Id>;

Rect toRect(const QRectF& r) {
  const QRectF n = r.normalized();
  return Rect(Point(n.left(), n.top()), Point(n.right(), n.bottom()));
}
}  // namespace

struct BoxIndex::Tree {
  bgi::rtree<Value, bgi::rstar<16>> rtree;
};

BoxIndex::BoxIndex() : tree_(std::make_unique<Tree>()) {}
BoxIndex::~BoxIndex() = default;

void BoxIndex::assign(const std::vector<std::pair<Id, QRectF>>& boxes) {
  std::vector<Value> values;
  values.reserve(boxes.size());
  for (const auto& [id, rect] : boxes) values.emplace_back(toRect(rect), id);
  tree_->rtree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
}

void BoxIndex::insert(Id id, const QRectF& rect) { tree_->rtree.insert(Value(toRect(rect), id)); }

void BoxIndex::remove(Id id, const QRectF& rect) { tree_->rtree.remove(Value(toRect(rect), id)); }

void BoxIndex::clear() { tree_->rtree.clear(); }

std::size_t BoxIndex::size() const { return tree_->rtree.size(); }

namespace {
std::vector<Id> idsOf(const std::vector<Value>& values) {
  std::vector<Id> ids;
  ids.reserve(values.size());
  for (const auto& v : values) ids.push_back(v.second);
  return ids;
}
}  // namespace

std::vector<Id> BoxIndex::intersecting(const QRectF& area) const {
  std::vector<Value> hits;
  tree_->rtree.query(bgi::intersects(toRect(area)), std::back_inserter(hits));
  return idsOf(hits);
}

std::vector<Id> BoxIndex::containing(const QPointF& point) const {
  std::vector<Value> hits;
  tree_->rtree.query(bgi::intersects(Point(point.x(), point.y())), std::back_inserter(hits));
  return idsOf(hits);
}

}  // namespace loupe::widgets
