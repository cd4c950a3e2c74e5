#pragma once
// Which digit key picks which class: a class's own hotkey, else its position (1..9) when that
// class has no hotkey. Shared by the class panel (which shows the keys) and the canvas (which
// acts on them), so what is shown is what happens.

#include <map>
#include <vector>

#include "core/domain/types.h"

namespace loupe::widgets {

// digit (1..9) -> class id, for classes in display order.
std::map<int, Id> digitKeys(const std::vector<ClassDef>& orderedClasses);

}  // namespace loupe::widgets
