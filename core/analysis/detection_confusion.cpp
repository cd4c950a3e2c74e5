#include "core/analysis/detection_confusion.h"

#include <algorithm>
#include <numeric>

#include "core/analysis/box_iou.h"

namespace loupe::analysis {

void addImageToDetectionConfusion(const std::vector<ScoredBox>& reference,
                                  const std::vector<ScoredBox>& predicted,
                                  const DetectionMatchOptions& options, ConfusionMatrix& m) {
  const std::size_t background = m.classes.size() - 1;
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    if (predicted[i].score >= options.scoreThreshold) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return predicted[a].score > predicted[b].score;
  });
  std::vector<std::uint8_t> taken(reference.size(), 0);
  for (const std::size_t p : order) {
    const ScoredBox& d = predicted[p];
    long sameClass = -1, anyClass = -1;
    double bestSame = options.iouThreshold, bestAny = options.iouThreshold;
    bool inCrowd = false;
    for (std::size_t g = 0; g < reference.size(); ++g) {
      const ScoredBox& gt = reference[g];
      if (gt.crowd) {
        inCrowd = inCrowd || iou(d.box, gt.box, true) >= options.iouThreshold;
        continue;
      }
      if (taken[g]) continue;
      const double o = iou(d.box, gt.box);
      if (gt.cls == d.cls && o >= bestSame) {
        bestSame = o;
        sameClass = static_cast<long>(g);
      }
      if (o >= bestAny) {
        bestAny = o;
        anyClass = static_cast<long>(g);
      }
    }
    const long match = sameClass >= 0 ? sameClass : anyClass;
    if (match >= 0) {
      taken[match] = 1;
      ++m.counts[reference[match].cls][d.cls];
    } else if (!inCrowd) {
      ++m.counts[background][d.cls];
    }
  }
  for (std::size_t g = 0; g < reference.size(); ++g)
    if (!taken[g] && !reference[g].crowd) ++m.counts[reference[g].cls][background];
}

ConfusionMatrix detectionConfusion(const std::vector<std::string>& classes,
                                   const std::vector<std::vector<ScoredBox>>& reference,
                                   const std::vector<std::vector<ScoredBox>>& predicted,
                                   const DetectionMatchOptions& options) {
  auto names = classes;
  names.emplace_back(kBackground);
  ConfusionMatrix m = ConfusionMatrix::zeros(std::move(names));
  for (std::size_t i = 0; i < reference.size(); ++i)
    addImageToDetectionConfusion(reference[i], i < predicted.size() ? predicted[i] : std::vector<ScoredBox>{},
                                 options, m);
  return m;
}

}  // namespace loupe::analysis
