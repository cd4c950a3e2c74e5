#include "core/quant/calibration.h"

#include <algorithm>
#include <stdexcept>

namespace loupe::quant {

std::vector<TensorRange> calibrate(const nn::NetworkSpec& net, const std::vector<Tensor>& samples,
                                   const Progress& progress) {
  if (samples.empty()) throw std::invalid_argument("calibration needs at least one representative sample");
  checkSpec(net);
  std::vector<TensorRange> ranges;
  for (std::size_t s = 0; s < samples.size(); ++s) {
    progress(static_cast<std::int64_t>(s), static_cast<std::int64_t>(samples.size()), "calibrating");
    const auto acts = forwardAll(net, samples[s]);
    if (ranges.empty()) ranges.resize(acts.size());
    for (std::size_t i = 0; i < acts.size(); ++i) {
      const auto [lo, hi] = std::minmax_element(acts[i].begin(), acts[i].end());
      if (s == 0) ranges[i] = {*lo, *hi};
      ranges[i].min = std::min(ranges[i].min, *lo);
      ranges[i].max = std::max(ranges[i].max, *hi);
    }
  }
  progress(static_cast<std::int64_t>(samples.size()), static_cast<std::int64_t>(samples.size()), "calibrating");
  return ranges;
}

}  // namespace loupe::quant
