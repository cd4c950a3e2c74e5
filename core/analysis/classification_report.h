#pragma once
// Confusion matrix for single-label classification and the report derived from it: per-class
// precision, recall, F1 and support, accuracy, and macro / support-weighted averages. The
// definitions follow scikit-learn's classification_report, including its zero_division=0
// convention (a ratio with an empty denominator is 0, not NaN).

#include <cstdint>
#include <string>
#include <vector>

namespace loupe::analysis {

struct ConfusionMatrix {
  std::vector<std::string> classes;
  // counts[r][c]: items whose reference is classes[r] and whose model output is classes[c].
  std::vector<std::vector<std::int64_t>> counts;

  static ConfusionMatrix zeros(std::vector<std::string> classes);
  std::int64_t total() const;
  std::int64_t rowSum(std::size_t row) const;
  std::int64_t columnSum(std::size_t column) const;
  // Each row divided by its sum (a row with no items stays all zero).
  std::vector<std::vector<double>> rowNormalized() const;
};

struct ClassMetrics {
  std::string name;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  std::int64_t support = 0;  // reference items of this class
};

struct ClassificationReport {
  std::vector<ClassMetrics> perClass;
  double accuracy = 0;
  double macroPrecision = 0, macroRecall = 0, macroF1 = 0;
  double weightedPrecision = 0, weightedRecall = 0, weightedF1 = 0;
};

// Precision, recall and F1 from raw counts, 0 when a denominator is 0.
double precisionOf(std::int64_t tp, std::int64_t fp);
double recallOf(std::int64_t tp, std::int64_t fn);
double f1Of(double precision, double recall);

// `excludeLast` leaves the last class out of the per-class list and the averages: detection
// confusion matrices carry a "background" class that is not a class of the model. Accuracy is
// then the micro F1 over the object classes (see the .cpp).
ClassificationReport classificationReport(const ConfusionMatrix& m, bool excludeLast = false);

}  // namespace loupe::analysis
