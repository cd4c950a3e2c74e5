#include "core/active_learning/uncertainty.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace loupe::active_learning {

std::string_view toString(Uncertainty u) { return u == Uncertainty::Margin ? "margin" : "entropy"; }

std::optional<Uncertainty> uncertaintyFromString(std::string_view s) {
  if (s == "margin") return Uncertainty::Margin;
  if (s == "entropy") return Uncertainty::Entropy;
  return std::nullopt;
}

double uncertainty(const float* probs, int classes, Uncertainty measure) {
  if (classes < 2) throw std::invalid_argument("uncertainty needs at least two classes");
  if (measure == Uncertainty::Margin) {
    double top = -1.0, second = -1.0;
    for (int j = 0; j < classes; ++j) {
      const double p = probs[j];
      if (p > top) {
        second = top;
        top = p;
      } else if (p > second) {
        second = p;
      }
    }
    return std::clamp(1.0 - (top - second), 0.0, 1.0);
  }
  double h = 0.0;
  for (int j = 0; j < classes; ++j)
    if (probs[j] > 0.0f) h -= static_cast<double>(probs[j]) * std::log(static_cast<double>(probs[j]));
  return std::clamp(h / std::log(static_cast<double>(classes)), 0.0, 1.0);
}

}  // namespace loupe::active_learning
