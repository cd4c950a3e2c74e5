#pragma once
// The class list's order when one class is dragged to a new place (GUI and any other caller of
// ClassStore::reorder agree on what "move to position n" means).

#include <cstddef>
#include <optional>
#include <vector>

#include "core/domain/types.h"

namespace loupe {

// `order` with `id` taken out and put back at `position` (counted in the list without it,
// clamped to its ends); nullopt when `id` is not in `order`.
std::optional<std::vector<Id>> moveClass(std::vector<Id> order, Id id, std::ptrdiff_t position);

}  // namespace loupe
