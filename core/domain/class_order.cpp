#include "core/domain/class_order.h"

#include <algorithm>

namespace loupe {

std::optional<std::vector<Id>> moveClass(std::vector<Id> order, Id id, std::ptrdiff_t position) {
  const auto it = std::find(order.begin(), order.end(), id);
  if (it == order.end()) return std::nullopt;
  order.erase(it);
  order.insert(order.begin() + std::clamp<std::ptrdiff_t>(position, 0, static_cast<std::ptrdiff_t>(order.size())), id);
  return order;
}

}  // namespace loupe
