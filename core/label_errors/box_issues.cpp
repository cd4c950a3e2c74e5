#include "core/label_errors/box_issues.h"

#include <algorithm>
#include <stdexcept>

#include "core/agreement/hungarian.h"
#include "core/analysis/box_iou.h"

namespace loupe::label_errors {
namespace {

bool centreInside(const Box& inner, const Box& outer) {
  const double cx = inner.x + inner.w / 2, cy = inner.y + inner.h / 2;
  return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
}

}  // namespace

std::string_view toString(BoxIssueKind k) {
  switch (k) {
    case BoxIssueKind::Missed: return "missed";
    case BoxIssueKind::Misplaced: return "misplaced";
    case BoxIssueKind::WrongClass: return "wrong_class";
    case BoxIssueKind::Spurious: return "spurious";
  }
  return "missed";
}

ImageBoxIssues findBoxIssues(const std::vector<analysis::ScoredBox>& given,
                             const std::vector<analysis::ScoredBox>& predicted, const BoxIssueOptions& o) {
  for (double v : {o.minScore, o.placementIou, o.pairIou})
    if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument("box issue thresholds must lie in [0, 1]");
  std::vector<int> confident;
  for (std::size_t p = 0; p < predicted.size(); ++p)
    if (predicted[p].score >= o.minScore) confident.push_back(static_cast<int>(p));

  // Pair weights: IoU, plus 1 for any eligible pair so the assignment first maximises the number
  // of pairs, then their IoU; same class earns a further 1e-3 to break near-ties towards it.
  const int rows = static_cast<int>(given.size()), cols = static_cast<int>(confident.size());
  std::vector<double> weights(static_cast<std::size_t>(rows * cols), 0.0);
  std::vector<double> ious(weights.size(), 0.0);
  for (int g = 0; g < rows; ++g)
    for (int c = 0; c < cols; ++c) {
      const auto& gb = given[static_cast<std::size_t>(g)];
      const auto& pb = predicted[static_cast<std::size_t>(confident[static_cast<std::size_t>(c)])];
      const double v = analysis::iou(pb.box, gb.box);
      const auto at = static_cast<std::size_t>(g * cols + c);
      ious[at] = v;
      if (v >= o.pairIou || centreInside(pb.box, gb.box)) weights[at] = 1.0 + v + (gb.cls == pb.cls ? 1e-3 : 0.0);
    }
  std::vector<int> pairOfGiven(given.size(), -1);
  std::vector<bool> predictionPaired(predicted.size(), false);
  if (rows > 0 && cols > 0) {
    // maxWeightAssignment wants rows <= cols; transpose when there are more boxes than predictions.
    if (rows <= cols) {
      const auto a = agreement::maxWeightAssignment(weights, rows, cols);
      for (int g = 0; g < rows; ++g)
        if (a[static_cast<std::size_t>(g)] >= 0 && weights[static_cast<std::size_t>(g * cols + a[static_cast<std::size_t>(g)])] > 0)
          pairOfGiven[static_cast<std::size_t>(g)] = a[static_cast<std::size_t>(g)];
    } else {
      std::vector<double> t(weights.size());
      for (int g = 0; g < rows; ++g)
        for (int c = 0; c < cols; ++c) t[static_cast<std::size_t>(c * rows + g)] = weights[static_cast<std::size_t>(g * cols + c)];
      const auto a = agreement::maxWeightAssignment(t, cols, rows);
      for (int c = 0; c < cols; ++c) {
        const int g = a[static_cast<std::size_t>(c)];
        if (g >= 0 && weights[static_cast<std::size_t>(g * cols + c)] > 0) pairOfGiven[static_cast<std::size_t>(g)] = c;
      }
    }
  }

  ImageBoxIssues out;
  for (int g = 0; g < rows; ++g) {
    const int c = pairOfGiven[static_cast<std::size_t>(g)];
    const auto& gb = given[static_cast<std::size_t>(g)];
    if (c < 0) {
      double best = 0.0;  // any prediction, confident or not, that overlaps the box speaks for it
      for (const auto& pb : predicted)
        if (analysis::iou(pb.box, gb.box) >= o.pairIou || centreInside(pb.box, gb.box)) best = std::max(best, pb.score);
      out.issues.push_back({BoxIssueKind::Spurious, g, -1, 0.0, 1.0 - best});
      continue;
    }
    const int p = confident[static_cast<std::size_t>(c)];
    predictionPaired[static_cast<std::size_t>(p)] = true;
    const auto& pb = predicted[static_cast<std::size_t>(p)];
    const double v = ious[static_cast<std::size_t>(g * cols + c)];
    if (pb.cls != gb.cls) out.issues.push_back({BoxIssueKind::WrongClass, g, p, v, pb.score});
    else if (v < o.placementIou) out.issues.push_back({BoxIssueKind::Misplaced, g, p, v, pb.score * (1.0 - v)});
  }
  for (int p : confident)
    if (!predictionPaired[static_cast<std::size_t>(p)])
      out.issues.push_back({BoxIssueKind::Missed, -1, p, 0.0, predicted[static_cast<std::size_t>(p)].score});

  std::stable_sort(out.issues.begin(), out.issues.end(), [](const BoxIssue& a, const BoxIssue& b) { return a.score > b.score; });
  double clean = 1.0;
  for (const auto& i : out.issues) clean *= 1.0 - std::clamp(i.score, 0.0, 1.0);
  out.score = 1.0 - clean;
  return out;
}

}  // namespace loupe::label_errors
