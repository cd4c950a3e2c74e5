#include "core/label_errors/label_issues.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace loupe::label_errors {
namespace {

int mostProbableOther(const float* p, int classes, int given) {
  int best = given == 0 ? 1 : 0;
  for (int j = 0; j < classes; ++j)
    if (j != given && p[j] > p[best]) best = j;
  return best;
}

LabelIssue issueOf(const std::vector<int>& labels, const std::vector<float>& probs, int classes, int n,
                   Ranking ranking) {
  const float* p = probs.data() + static_cast<std::size_t>(n) * static_cast<std::size_t>(classes);
  const int given = labels[static_cast<std::size_t>(n)];
  return {n, given, mostProbableOther(p, classes, given), errorScore(p, classes, given, ranking)};
}

void rank(std::vector<LabelIssue>& issues) {
  std::sort(issues.begin(), issues.end(), [](const LabelIssue& a, const LabelIssue& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  });
}

}  // namespace

std::string_view toString(Ranking r) {
  return r == Ranking::SelfConfidence ? "self_confidence" : "normalized_margin";
}

std::optional<Ranking> rankingFromString(std::string_view s) {
  if (s == "self_confidence" || s == "self-confidence") return Ranking::SelfConfidence;
  if (s == "normalized_margin" || s == "normalized-margin") return Ranking::NormalizedMargin;
  return std::nullopt;
}

double errorScore(const float* p, int classes, int given, Ranking ranking) {
  if (ranking == Ranking::SelfConfidence) return 1.0 - static_cast<double>(p[given]);
  const double other = p[mostProbableOther(p, classes, given)];
  return (1.0 + other - static_cast<double>(p[given])) / 2.0;
}

LabelIssues findLabelIssues(const std::vector<int>& labels, const std::vector<float>& probs, int classes,
                            Ranking ranking) {
  LabelIssues out;
  out.joint = confidentJoint(labels, probs, classes);
  const auto K = static_cast<std::size_t>(classes);

  std::vector<std::vector<int>> byGiven(K);
  for (std::size_t n = 0; n < labels.size(); ++n) byGiven[static_cast<std::size_t>(labels[n])].push_back(static_cast<int>(n));

  std::vector<bool> flagged(labels.size(), false);
  for (std::size_t i = 0; i < K; ++i) {
    auto& members = byGiven[i];
    // Never flag every item of a class: one must stay to define it (cleanlab's rule too).
    const auto limit = members.empty() ? std::size_t{0} : members.size() - 1;
    for (std::size_t j = 0; j < K; ++j) {
      if (i == j) continue;
      const auto quota = std::min(limit, static_cast<std::size_t>(std::llround(out.joint.at(static_cast<int>(i), static_cast<int>(j)))));
      if (quota == 0) continue;
      auto margin = [&](int n) {
        const float* p = probs.data() + static_cast<std::size_t>(n) * K;
        return static_cast<double>(p[j]) - static_cast<double>(p[i]);
      };
      std::vector<int> order = members;
      std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(quota), order.end(),
                        [&](int a, int b) { return margin(a) != margin(b) ? margin(a) > margin(b) : a < b; });
      for (std::size_t k = 0; k < quota; ++k) flagged[static_cast<std::size_t>(order[k])] = true;
    }
  }
  for (std::size_t n = 0; n < labels.size(); ++n)
    if (flagged[n]) out.issues.push_back(issueOf(labels, probs, classes, static_cast<int>(n), ranking));
  rank(out.issues);
  return out;
}

std::vector<LabelIssue> disagreements(const std::vector<int>& labels, const std::vector<float>& probs, int classes,
                                      Ranking ranking) {
  validateProbabilities(labels, probs, classes);
  std::vector<LabelIssue> out;
  const auto K = static_cast<std::size_t>(classes);
  for (std::size_t n = 0; n < labels.size(); ++n) {
    const float* p = probs.data() + n * K;
    const auto top = static_cast<int>(std::max_element(p, p + K) - p);
    if (top != labels[n]) out.push_back(issueOf(labels, probs, classes, static_cast<int>(n), ranking));
  }
  rank(out);
  return out;
}

}  // namespace loupe::label_errors
