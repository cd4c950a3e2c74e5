#include "core/agreement/krippendorff_alpha.h"

#include <stdexcept>
#include <string>

namespace loupe::agreement {

std::string_view toString(Level l) {
  switch (l) {
    case Level::Nominal: return "nominal";
    case Level::Ordinal: return "ordinal";
    case Level::Interval: return "interval";
    case Level::Ratio: return "ratio";
  }
  return "nominal";
}

std::optional<Level> levelFromString(std::string_view s) {
  for (Level l : {Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio})
    if (toString(l) == s) return l;
  return std::nullopt;
}

namespace {

// Squared difference delta^2(c, k) for the level. `marginals` are the coincidence marginals n_c,
// which the ordinal metric needs (Krippendorff 2011, p. 6).
class Metric {
 public:
  Metric(Level level, const std::vector<double>& values, const std::vector<double>& marginals)
      : level_(level), values_(values), prefix_(marginals.size() + 1, 0.0), marginals_(marginals) {
    for (std::size_t i = 0; i < marginals.size(); ++i) prefix_[i + 1] = prefix_[i] + marginals[i];
  }

  double operator()(int c, int k) const {
    if (c == k) return 0.0;
    switch (level_) {
      case Level::Nominal: return 1.0;
      case Level::Ordinal: {
        const int lo = c < k ? c : k, hi = c < k ? k : c;
        const double between = prefix_[static_cast<std::size_t>(hi) + 1] - prefix_[static_cast<std::size_t>(lo)];
        const double d = between - (marginals_[static_cast<std::size_t>(lo)] + marginals_[static_cast<std::size_t>(hi)]) / 2.0;
        return d * d;
      }
      case Level::Interval: {
        const double d = values_[static_cast<std::size_t>(c)] - values_[static_cast<std::size_t>(k)];
        return d * d;
      }
      case Level::Ratio: {
        const double sum = values_[static_cast<std::size_t>(c)] + values_[static_cast<std::size_t>(k)];
        if (sum == 0) return 0.0;  // both zero
        const double d = (values_[static_cast<std::size_t>(c)] - values_[static_cast<std::size_t>(k)]) / sum;
        return d * d;
      }
    }
    return 1.0;
  }

 private:
  Level level_;
  const std::vector<double>& values_;
  std::vector<double> prefix_;
  const std::vector<double>& marginals_;
};

}  // namespace

Coefficient krippendorffAlpha(const CategoryCounts& counts, Level level, const std::vector<double>& values) {
  const int k = counts.categories();
  const auto kk = static_cast<std::size_t>(k);
  if ((level == Level::Interval || level == Level::Ratio) && values.size() != kk)
    throw std::invalid_argument("Krippendorff's alpha: the " + std::string(toString(level)) +
                                " level needs one number per class");

  // Coincidence matrix o_ck: each unit with m_u >= 2 values contributes its m_u(m_u - 1) ordered
  // pairs of values, weighted 1/(m_u - 1).
  std::vector<double> o(kk * kk, 0.0);
  for (std::size_t u = 0; u < counts.units(); ++u) {
    const int m = counts.valuesIn(u);
    if (m < 2) continue;
    const double w = 1.0 / (m - 1);
    for (auto* a = counts.begin(u); a != counts.end(u); ++a)
      for (auto* b = counts.begin(u); b != counts.end(u); ++b) {
        const double pairs = a == b ? double(a->count) * (a->count - 1) : double(a->count) * b->count;
        o[static_cast<std::size_t>(a->category) * kk + static_cast<std::size_t>(b->category)] += pairs * w;
      }
  }
  std::vector<double> marginals(kk, 0.0);
  double n = 0;
  for (std::size_t c = 0; c < kk; ++c)
    for (std::size_t j = 0; j < kk; ++j) marginals[c] += o[c * kk + j];
  for (double m : marginals) n += m;
  if (n <= 0) return Coefficient::undefined("Krippendorff's alpha is undefined: no item has labels from two or more labelers");

  if (level == Level::Ratio)
    for (std::size_t c = 0; c < kk; ++c)
      if (marginals[c] > 0 && values[c] < 0)
        return Coefficient::undefined("Krippendorff's alpha (ratio) is undefined: a class value is negative");

  const Metric delta2(level, values, marginals);
  double observed = 0, expected = 0;
  for (int c = 0; c < k; ++c) {
    if (marginals[static_cast<std::size_t>(c)] == 0) continue;
    for (int j = 0; j < k; ++j) {
      if (j == c || marginals[static_cast<std::size_t>(j)] == 0) continue;
      const double d = delta2(c, j);
      observed += o[static_cast<std::size_t>(c) * kk + static_cast<std::size_t>(j)] * d;
      expected += marginals[static_cast<std::size_t>(c)] * marginals[static_cast<std::size_t>(j)] * d;
    }
  }
  if (expected <= 0)
    return Coefficient::undefined(
        "Krippendorff's alpha is undefined: expected disagreement is 0 (all paired values are equal)");
  return Coefficient::of(1.0 - (n - 1) * observed / expected);
}

}  // namespace loupe::agreement
