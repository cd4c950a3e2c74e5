#include "core/agreement/box_matching.h"

#include <algorithm>
#include <stdexcept>

#include "core/agreement/hungarian.h"

namespace loupe::agreement {

double iou(const Box& a, const Box& b) {
  const double ix = std::max(0.0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
  const double iy = std::max(0.0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
  const double inter = ix * iy;
  const double uni = a.w * a.h + b.w * b.h - inter;
  return uni > 0 ? inter / uni : 0.0;
}

BoxCounts& BoxCounts::operator+=(const BoxCounts& o) {
  boxesA += o.boxesA;
  boxesB += o.boxesB;
  matched += o.matched;
  classMismatch += o.classMismatch;
  matchedIouSum += o.matchedIouSum;
  return *this;
}

namespace {

struct Pairing {
  std::size_t pairs = 0;
  double iouSum = 0;
};

// Matches the boxes a[ia[*]] to b[ib[*]]; marks paired ones as used.
Pairing assign(const std::vector<LabeledBox>& a, const std::vector<LabeledBox>& b,
               const std::vector<std::size_t>& ia, const std::vector<std::size_t>& ib,
               double threshold, std::vector<char>& usedA, std::vector<char>& usedB) {
  Pairing out;
  if (ia.empty() || ib.empty()) return out;
  const int rows = static_cast<int>(ia.size()), cols = static_cast<int>(ib.size());
  // Weight big + IoU for pairs over the threshold: with big > min(rows, cols), any assignment
  // with more valid pairs outweighs one with fewer, and IoU breaks ties.
  const double big = double(std::min(rows, cols)) + 1.0;
  std::vector<double> w(ia.size() * ib.size(), 0.0);
  std::vector<double> ious(w.size(), 0.0);
  for (std::size_t i = 0; i < ia.size(); ++i)
    for (std::size_t j = 0; j < ib.size(); ++j) {
      const double v = iou(a[ia[i]].box, b[ib[j]].box);
      ious[i * ib.size() + j] = v;
      if (v >= threshold && v > 0) w[i * ib.size() + j] = big + v;
    }
  const auto colOf = maxWeightAssignment(w, rows, cols);
  for (std::size_t i = 0; i < ia.size(); ++i) {
    const int j = colOf[i];
    if (j < 0 || w[i * ib.size() + static_cast<std::size_t>(j)] == 0) continue;
    usedA[ia[i]] = 1;
    usedB[ib[static_cast<std::size_t>(j)]] = 1;
    ++out.pairs;
    out.iouSum += ious[i * ib.size() + static_cast<std::size_t>(j)];
  }
  return out;
}

}  // namespace

BoxCounts matchBoxes(const std::vector<LabeledBox>& a, const std::vector<LabeledBox>& b, double iouThreshold) {
  if (!(iouThreshold > 0 && iouThreshold <= 1))
    throw std::invalid_argument("IoU threshold must be in (0, 1]");
  BoxCounts counts;
  counts.boxesA = a.size();
  counts.boxesB = b.size();
  std::vector<char> usedA(a.size(), 0), usedB(b.size(), 0);

  std::vector<int> categories;
  for (const auto& x : a) categories.push_back(x.category);
  std::sort(categories.begin(), categories.end());
  categories.erase(std::unique(categories.begin(), categories.end()), categories.end());
  std::vector<std::size_t> ia, ib;
  for (int c : categories) {
    ia.clear();
    ib.clear();
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].category == c) ia.push_back(i);
    for (std::size_t j = 0; j < b.size(); ++j)
      if (b[j].category == c) ib.push_back(j);
    const auto p = assign(a, b, ia, ib, iouThreshold, usedA, usedB);
    counts.matched += p.pairs;
    counts.matchedIouSum += p.iouSum;
  }

  // Leftovers regardless of class. A same-class leftover pair over the threshold cannot exist
  // (it would have enlarged the first stage's maximum matching), so every pair here is a
  // class mismatch.
  ia.clear();
  ib.clear();
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!usedA[i]) ia.push_back(i);
  for (std::size_t j = 0; j < b.size(); ++j)
    if (!usedB[j]) ib.push_back(j);
  counts.classMismatch = assign(a, b, ia, ib, iouThreshold, usedA, usedB).pairs;
  return counts;
}

BoxAgreement summarize(const BoxCounts& c) {
  BoxAgreement out;
  out.counts = c;
  const double m = double(c.matched);
  out.precision = c.boxesB > 0 ? Coefficient::of(m / double(c.boxesB))
                               : Coefficient::undefined("precision is undefined: the second labeler drew no boxes");
  out.recall = c.boxesA > 0 ? Coefficient::of(m / double(c.boxesA))
                            : Coefficient::undefined("recall is undefined: the first labeler drew no boxes");
  out.f1 = c.boxesA + c.boxesB > 0 ? Coefficient::of(2 * m / double(c.boxesA + c.boxesB))
                                   : Coefficient::undefined("F1 is undefined: neither labeler drew boxes");
  out.meanIou = c.matched > 0 ? Coefficient::of(c.matchedIouSum / m)
                              : Coefficient::undefined("mean IoU is undefined: no boxes were matched");
  return out;
}

}  // namespace loupe::agreement
