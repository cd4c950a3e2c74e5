#include "serial_link/top_class.h"

#include <algorithm>

namespace loupe::serial_link {

TopClass topClass(const BoardInference& r) {
  if (r.scores.empty()) return {};
  // The first of equal maxima, like argmax in the host runtime.
  const auto best = std::max_element(r.scores.begin(), r.scores.end());
  TopClass t;
  t.index = static_cast<int>(best - r.scores.begin());
  t.score = static_cast<float>(static_cast<std::int32_t>(*best) - r.zeroPoint) * r.scale;
  return t;
}

}  // namespace loupe::serial_link
