#include "core/analysis/classification_report.h"

namespace loupe::analysis {

ConfusionMatrix ConfusionMatrix::zeros(std::vector<std::string> names) {
  ConfusionMatrix m;
  const std::size_t n = names.size();
  m.classes = std::move(names);
  m.counts.assign(n, std::vector<std::int64_t>(n, 0));
  return m;
}

std::int64_t ConfusionMatrix::total() const {
  std::int64_t sum = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) sum += rowSum(r);
  return sum;
}

std::int64_t ConfusionMatrix::rowSum(std::size_t row) const {
  std::int64_t sum = 0;
  for (auto v : counts[row]) sum += v;
  return sum;
}

std::int64_t ConfusionMatrix::columnSum(std::size_t column) const {
  std::int64_t sum = 0;
  for (const auto& row : counts) sum += row[column];
  return sum;
}

std::vector<std::vector<double>> ConfusionMatrix::rowNormalized() const {
  std::vector<std::vector<double>> out(counts.size());
  for (std::size_t r = 0; r < counts.size(); ++r) {
    const auto sum = rowSum(r);
    out[r].resize(counts[r].size(), 0.0);
    if (sum == 0) continue;
    for (std::size_t c = 0; c < counts[r].size(); ++c)
      out[r][c] = static_cast<double>(counts[r][c]) / static_cast<double>(sum);
  }
  return out;
}

double precisionOf(std::int64_t tp, std::int64_t fp) {
  return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
}

double recallOf(std::int64_t tp, std::int64_t fn) {
  return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
}

double f1Of(double precision, double recall) {
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

ClassificationReport classificationReport(const ConfusionMatrix& m, bool excludeLast) {
  ClassificationReport report;
  const std::size_t n = m.classes.size() - (excludeLast && !m.classes.empty() ? 1 : 0);
  std::int64_t correct = 0, supportSum = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t tp = m.counts[k][k];
    const std::int64_t support = m.rowSum(k);
    ClassMetrics c;
    c.name = m.classes[k];
    c.precision = precisionOf(tp, m.columnSum(k) - tp);
    c.recall = recallOf(tp, support - tp);
    c.f1 = f1Of(c.precision, c.recall);
    c.support = support;
    correct += tp;
    supportSum += support;
    report.perClass.push_back(c);
  }
  if (excludeLast) {
    // Detection: "accuracy" is the micro F1 at the matching IoU, 2TP / (2TP + FP + FN). A box
    // found with the wrong class counts as one false positive and one false negative.
    std::int64_t predicted = 0;
    for (std::size_t k = 0; k < n; ++k) predicted += m.columnSum(k);
    const auto fp = predicted - correct, fn = supportSum - correct;
    const auto denominator = 2 * correct + fp + fn;
    report.accuracy = denominator == 0 ? 0.0 : static_cast<double>(2 * correct) / static_cast<double>(denominator);
  } else {
    report.accuracy = supportSum == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(supportSum);
  }
  if (n == 0) return report;
  for (const auto& c : report.perClass) {
    report.macroPrecision += c.precision / static_cast<double>(n);
    report.macroRecall += c.recall / static_cast<double>(n);
    report.macroF1 += c.f1 / static_cast<double>(n);
    if (supportSum > 0) {
      const double w = static_cast<double>(c.support) / static_cast<double>(supportSum);
      report.weightedPrecision += w * c.precision;
      report.weightedRecall += w * c.recall;
      report.weightedF1 += w * c.f1;
    }
  }
  return report;
}

}  // namespace loupe::analysis
