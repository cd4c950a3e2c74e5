#include "core/agreement/disagreement.h"

#include <algorithm>

#include "core/agreement/box_matching.h"

namespace loupe::agreement {

std::vector<Disagreement> disagreementQueue(const AgreementData& data, double iouThreshold) {
  std::vector<Disagreement> out;
  const int raters = data.labels.raters;
  for (std::size_t u = 0; u < data.items.size(); ++u) {
    std::vector<int> labeled, boxed;  // raters with an image label / with boxes
    for (int r = 0; r < raters; ++r) {
      if (data.labels.at(u, r) != kMissing) labeled.push_back(r);
      if (data.boxes.countAt(u, r) > 0) boxed.push_back(r);
    }
    double labelScore = 0;
    if (labeled.size() >= 2) {
      std::size_t pairs = 0, agree = 0;
      for (std::size_t i = 0; i < labeled.size(); ++i)
        for (std::size_t j = i + 1; j < labeled.size(); ++j) {
          ++pairs;
          if (data.labels.at(u, labeled[i]) == data.labels.at(u, labeled[j])) ++agree;
        }
      labelScore = 1.0 - double(agree) / double(pairs);
    }
    // Boxes: as in the agreement report, a labeler who drew nothing on an item with boxes says
    // "no objects", so every labeler takes part.
    double boxScore = 0;
    if (!boxed.empty() && raters >= 2) {
      double f1 = 0;
      std::size_t pairs = 0;
      for (int i = 0; i < raters; ++i)
        for (int j = i + 1; j < raters; ++j) {
          const auto s = summarize(matchBoxes(data.boxes.at(u, i), data.boxes.at(u, j), iouThreshold));
          f1 += s.f1.value.value_or(1.0);  // neither drew a box: they agree
          ++pairs;
        }
      boxScore = 1.0 - f1 / double(pairs);
    }
    int active = 0;
    for (int r = 0; r < raters; ++r)
      if (data.labels.at(u, r) != kMissing || data.boxes.countAt(u, r) > 0) ++active;
    const double score = std::max(labelScore, boxScore);
    if (score > 0) out.push_back({u, score, active});
  }
  std::stable_sort(out.begin(), out.end(), [](const Disagreement& a, const Disagreement& b) { return a.score > b.score; });
  return out;
}

}  // namespace loupe::agreement
