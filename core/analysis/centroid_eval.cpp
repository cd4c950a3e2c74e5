#include "core/analysis/centroid_eval.h"

#include <algorithm>

#include "core/analysis/classification_report.h"

namespace loupe::analysis {
namespace {

struct Point {
  double x, y;
};

Point centreOf(const Box& b) { return {b.x + b.w / 2, b.y + b.h / 2}; }

bool inside(const Point& p, const Box& b) { return p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h; }

double squaredDistance(const Point& a, const Point& b) { return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y); }

}  // namespace

CentroidCounts& CentroidCounts::operator+=(const CentroidCounts& o) {
  tp += o.tp;
  fp += o.fp;
  fn += o.fn;
  return *this;
}

CentroidScores centroidScores(const CentroidCounts& c) {
  CentroidScores s;
  s.counts = c;
  s.support = c.tp + c.fn;
  s.precision = precisionOf(c.tp, c.fp);
  s.recall = recallOf(c.tp, c.fn);
  s.f1 = f1Of(s.precision, s.recall);
  return s;
}

void addImageCentroidCounts(const std::vector<ScoredBox>& reference, const std::vector<ScoredBox>& predicted,
                            const CentroidOptions& options, std::vector<CentroidCounts>& perClass) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    if (predicted[i].score >= options.scoreThreshold) order.push_back(i);
  // Stable: equal scores keep the given order.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return predicted[a].score > predicted[b].score; });
  std::vector<std::uint8_t> taken(reference.size(), 0);
  for (const std::size_t p : order) {
    const ScoredBox& d = predicted[p];
    const Point c = centreOf(d.box);
    long best = -1;
    double bestDistance = 0;
    bool inCrowd = false;
    for (std::size_t g = 0; g < reference.size(); ++g) {
      const ScoredBox& gt = reference[g];
      if (gt.cls != d.cls || !inside(c, gt.box)) continue;
      if (gt.crowd) {
        inCrowd = true;
        continue;
      }
      if (taken[g]) continue;
      const double dist = squaredDistance(c, centreOf(gt.box));
      if (best < 0 || dist < bestDistance) {  // strict: the first of equally near boxes stays
        best = static_cast<long>(g);
        bestDistance = dist;
      }
    }
    if (best >= 0) {
      taken[static_cast<std::size_t>(best)] = 1;
      ++perClass[static_cast<std::size_t>(d.cls)].tp;
    } else if (!inCrowd) {
      ++perClass[static_cast<std::size_t>(d.cls)].fp;
    }
  }
  for (std::size_t g = 0; g < reference.size(); ++g)
    if (!taken[g] && !reference[g].crowd) ++perClass[static_cast<std::size_t>(reference[g].cls)].fn;
}

CentroidSummary centroidEvaluate(const std::vector<std::string>& classes,
                                 const std::vector<std::vector<ScoredBox>>& reference,
                                 const std::vector<std::vector<ScoredBox>>& predicted,
                                 const CentroidOptions& options) {
  std::vector<CentroidCounts> counts(classes.size());
  for (std::size_t i = 0; i < reference.size(); ++i)
    addImageCentroidCounts(reference[i], i < predicted.size() ? predicted[i] : std::vector<ScoredBox>{}, options,
                           counts);
  CentroidSummary s;
  CentroidCounts all;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    all += counts[k];
    s.perClass.push_back({classes[k], centroidScores(counts[k])});
  }
  s.overall = centroidScores(all);
  return s;
}

CentroidScores centroidEvaluateClassAgnostic(const std::vector<std::vector<ScoredBox>>& reference,
                                             const std::vector<std::vector<ScoredBox>>& predicted,
                                             const CentroidOptions& options) {
  auto asOne = [](std::vector<std::vector<ScoredBox>> images) {
    for (auto& boxes : images)
      for (auto& b : boxes) b.cls = 0;
    return images;
  };
  return centroidEvaluate({"object"}, asOne(reference), asOne(predicted), options).overall;
}

}  // namespace loupe::analysis
