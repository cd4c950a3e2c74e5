#include "widgets/classes/hotkeys.h"

#include <string>

namespace loupe::widgets {

std::map<int, Id> digitKeys(const std::vector<ClassDef>& orderedClasses) {
  std::map<int, Id> keys;
  for (const ClassDef& c : orderedClasses)
    if (c.hotkey.size() == 1 && c.hotkey[0] >= '1' && c.hotkey[0] <= '9') keys[c.hotkey[0] - '0'] = c.id;
  // Explicit hotkeys win; a position only fills a digit nobody claimed.
  for (std::size_t i = 0; i < orderedClasses.size() && i < 9; ++i) {
    const int digit = static_cast<int>(i) + 1;
    if (orderedClasses[i].hotkey.empty() && !keys.contains(digit)) keys[digit] = orderedClasses[i].id;
  }
  return keys;
}

}  // namespace loupe::widgets
