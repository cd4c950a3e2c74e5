#include "core/analysis/coco_eval.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <numeric>

#include "core/analysis/box_iou.h"

namespace loupe::analysis {
namespace {

constexpr int kIous = 10;
constexpr int kRecalls = 101;
constexpr std::array<std::size_t, 3> kMaxDets{1, 10, 100};
constexpr int kAreas = 4;  // all, small, medium, large
constexpr std::array<std::array<double, 2>, kAreas> kAreaRanges{{
    {0, 1e5 * 1e5}, {0, 32.0 * 32.0}, {32.0 * 32.0, 96.0 * 96.0}, {96.0 * 96.0, 1e5 * 1e5}}};

// Same arithmetic as numpy.linspace, so the thresholds are the very same doubles.
std::array<double, kIous> iouThresholds() {
  std::array<double, kIous> t{};
  const double step = (0.95 - 0.5) / (kIous - 1);
  for (int i = 0; i < kIous; ++i) t[i] = i * step + 0.5;
  t[kIous - 1] = 0.95;
  return t;
}

std::array<double, kRecalls> recallThresholds() {
  std::array<double, kRecalls> r{};
  const double step = 1.0 / (kRecalls - 1);
  for (int i = 0; i < kRecalls; ++i) r[i] = i * step;
  r[kRecalls - 1] = 1.0;
  return r;
}

// pycocotools' evaluateImg result for one image, class and area range.
struct ImageEval {
  std::vector<double> scores;                            // detections, by descending score
  std::array<std::vector<std::uint8_t>, kIous> matched;  // per threshold, per detection
  std::array<std::vector<std::uint8_t>, kIous> ignored;
  int countedGroundTruth = 0;                            // not ignored
};

bool outside(double area, int a) { return area < kAreaRanges[a][0] || area > kAreaRanges[a][1]; }

ImageEval evaluateImage(const std::vector<const ScoredBox*>& gtIn, const std::vector<const ScoredBox*>& dts,
                        int area, const std::array<double, kIous>& thresholds) {
  // Ground truth sorted so the ignored boxes come last (stable), as pycocotools does.
  std::vector<const ScoredBox*> gt = gtIn;
  std::vector<std::uint8_t> gtIgnore;
  auto ignoredGt = [&](const ScoredBox* g) { return g->crowd || outside(boxArea(g->box), area); };
  std::stable_sort(gt.begin(), gt.end(), [&](auto* a, auto* b) { return !ignoredGt(a) && ignoredGt(b); });
  ImageEval e;
  for (auto* g : gt) {
    gtIgnore.push_back(ignoredGt(g) ? 1 : 0);
    if (!gtIgnore.back()) ++e.countedGroundTruth;
  }
  std::vector<std::vector<double>> ious(dts.size(), std::vector<double>(gt.size()));
  for (std::size_t d = 0; d < dts.size(); ++d) {
    e.scores.push_back(dts[d]->score);
    for (std::size_t g = 0; g < gt.size(); ++g) ious[d][g] = iou(dts[d]->box, gt[g]->box, gt[g]->crowd);
  }
  for (int t = 0; t < kIous; ++t) {
    std::vector<std::uint8_t> gtTaken(gt.size(), 0);
    e.matched[t].assign(dts.size(), 0);
    e.ignored[t].assign(dts.size(), 0);
    for (std::size_t d = 0; d < dts.size(); ++d) {
      double best = std::min(thresholds[t], 1 - 1e-10);
      long m = -1;
      for (std::size_t g = 0; g < gt.size(); ++g) {
        if (gtTaken[g] && !gt[g]->crowd) continue;
        // Once matched to a counted box, stop at the ignored ones (they are sorted last).
        if (m > -1 && gtIgnore[m] == 0 && gtIgnore[g] == 1) break;
        if (ious[d][g] < best) continue;
        best = ious[d][g];
        m = static_cast<long>(g);
      }
      if (m == -1) {
        e.ignored[t][d] = outside(boxArea(dts[d]->box), area) ? 1 : 0;
        continue;
      }
      e.ignored[t][d] = gtIgnore[m];
      e.matched[t][d] = 1;
      gtTaken[m] = 1;
    }
  }
  return e;
}

}  // namespace

CocoSummary cocoEvaluate(const std::vector<std::string>& classes, const std::vector<CocoImage>& images) {
  const auto ious = iouThresholds();
  const auto recalls = recallThresholds();
  const std::size_t K = classes.size();
  // precision[t][r][k][a][m], recall[t][k][a][m]; -1 = undefined, as in pycocotools.
  auto P = [&](int t, int r, std::size_t k, int a, std::size_t m) {
    return (((static_cast<std::size_t>(t) * kRecalls + r) * K + k) * kAreas + a) * kMaxDets.size() + m;
  };
  auto R = [&](int t, std::size_t k, int a, std::size_t m) {
    return ((static_cast<std::size_t>(t) * K + k) * kAreas + a) * kMaxDets.size() + m;
  };
  std::vector<double> precision(kIous * kRecalls * K * kAreas * kMaxDets.size(), -1.0);
  std::vector<double> recall(kIous * K * kAreas * kMaxDets.size(), -1.0);
  const double eps = std::numeric_limits<double>::epsilon();

  for (std::size_t k = 0; k < K; ++k) {
    // Per image: this class's ground truth and its top-100 detections by score.
    std::vector<std::vector<const ScoredBox*>> gts(images.size()), dts(images.size());
    for (std::size_t i = 0; i < images.size(); ++i) {
      for (const auto& g : images[i].groundTruth)
        if (g.cls == static_cast<std::int32_t>(k)) gts[i].push_back(&g);
      for (const auto& d : images[i].detections)
        if (d.cls == static_cast<std::int32_t>(k)) dts[i].push_back(&d);
      std::stable_sort(dts[i].begin(), dts[i].end(), [](auto* a, auto* b) { return a->score > b->score; });
      if (dts[i].size() > kMaxDets.back()) dts[i].resize(kMaxDets.back());
    }
    for (int a = 0; a < kAreas; ++a) {
      std::vector<ImageEval> evals;
      for (std::size_t i = 0; i < images.size(); ++i)
        if (!gts[i].empty() || !dts[i].empty()) evals.push_back(evaluateImage(gts[i], dts[i], a, ious));
      int counted = 0;
      for (const auto& e : evals) counted += e.countedGroundTruth;
      if (counted == 0) continue;
      for (std::size_t m = 0; m < kMaxDets.size(); ++m) {
        // All images' top-maxDet detections, merged by descending score (stable: image order).
        struct Ref { double score; std::size_t image, det; };
        std::vector<Ref> refs;
        for (std::size_t e = 0; e < evals.size(); ++e)
          for (std::size_t d = 0; d < std::min(evals[e].scores.size(), kMaxDets[m]); ++d)
            refs.push_back({evals[e].scores[d], e, d});
        std::stable_sort(refs.begin(), refs.end(), [](const Ref& x, const Ref& y) { return x.score > y.score; });
        for (int t = 0; t < kIous; ++t) {
          std::vector<double> rc, pr;
          double tp = 0, fp = 0;
          for (const auto& ref : refs) {
            const auto& e = evals[ref.image];
            const bool ignore = e.ignored[t][ref.det] != 0;
            if (!ignore) (e.matched[t][ref.det] ? tp : fp) += 1;
            rc.push_back(tp / counted);
            pr.push_back(tp / (fp + tp + eps));
          }
          recall[R(t, k, a, m)] = rc.empty() ? 0.0 : rc.back();
          for (std::size_t i = pr.size(); i-- > 1;)
            if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
          for (int r = 0; r < kRecalls; ++r) {
            const auto pos = static_cast<std::size_t>(std::lower_bound(rc.begin(), rc.end(), recalls[r]) - rc.begin());
            precision[P(t, r, k, a, m)] = pos < pr.size() ? pr[pos] : 0.0;
          }
        }
      }
    }
  }

  // Mean of the defined (> -1) values selected by the filter; -1 when there are none.
  auto meanPrecision = [&](int tOnly, int a, std::size_t m, long kOnly) {
    double sum = 0;
    std::size_t n = 0;
    for (int t = 0; t < kIous; ++t) {
      if (tOnly >= 0 && t != tOnly) continue;
      for (int r = 0; r < kRecalls; ++r)
        for (std::size_t k = 0; k < K; ++k) {
          if (kOnly >= 0 && k != static_cast<std::size_t>(kOnly)) continue;
          const double v = precision[P(t, r, k, a, m)];
          if (v > -1) sum += v, ++n;
        }
    }
    return n == 0 ? -1.0 : sum / static_cast<double>(n);
  };
  auto meanRecall = [&](int a, std::size_t m, long kOnly) {
    double sum = 0;
    std::size_t n = 0;
    for (int t = 0; t < kIous; ++t)
      for (std::size_t k = 0; k < K; ++k) {
        if (kOnly >= 0 && k != static_cast<std::size_t>(kOnly)) continue;
        const double v = recall[R(t, k, a, m)];
        if (v > -1) sum += v, ++n;
      }
    return n == 0 ? -1.0 : sum / static_cast<double>(n);
  };
  constexpr int kAll = 0, kSmall = 1, kMedium = 2, kLarge = 3;
  constexpr std::size_t k100 = 2;
  const int t50 = 0, t75 = 5;
  CocoSummary s;
  s.map = meanPrecision(-1, kAll, k100, -1);
  s.map50 = meanPrecision(t50, kAll, k100, -1);
  s.map75 = meanPrecision(t75, kAll, k100, -1);
  s.mapSmall = meanPrecision(-1, kSmall, k100, -1);
  s.mapMedium = meanPrecision(-1, kMedium, k100, -1);
  s.mapLarge = meanPrecision(-1, kLarge, k100, -1);
  s.mar1 = meanRecall(kAll, 0, -1);
  s.mar10 = meanRecall(kAll, 1, -1);
  s.mar100 = meanRecall(kAll, k100, -1);
  for (std::size_t k = 0; k < K; ++k) {
    const long kk = static_cast<long>(k);
    s.perClass.push_back({classes[k], meanPrecision(-1, kAll, k100, kk), meanPrecision(t50, kAll, k100, kk),
                          meanPrecision(t75, kAll, k100, kk), meanRecall(kAll, k100, kk)});
  }
  return s;
}

}  // namespace loupe::analysis
