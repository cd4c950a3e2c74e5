#pragma once
// Uncertainty of one prediction, for ordering the items to label next. Both scores lie in
// [0, 1] with 1 the most uncertain, so orders built from either read the same way.

#include <optional>
#include <string_view>

namespace loupe::active_learning {

enum class Uncertainty {
  Margin,   // 1 - (p_top - p_second): the pair the model cannot tell apart (default)
  Entropy,  // -sum p log p / log K: uncertainty spread over every class
};
std::string_view toString(Uncertainty);
std::optional<Uncertainty> uncertaintyFromString(std::string_view);

// probs: `classes` probabilities (classes >= 2). Throws std::invalid_argument otherwise.
double uncertainty(const float* probs, int classes, Uncertainty measure);

}  // namespace loupe::active_learning
