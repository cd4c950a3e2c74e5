#include <QtTest>

#include "core/analysis/classification_report.h"
#include "tests/core/analysis/suites.h"

using namespace loupe::analysis;

class TestClassificationReport : public QObject {
  Q_OBJECT
 private slots:
  // The worked binary example of the issue: TN 905, FN 18, FP 9, TP 68.
  void binaryWorkedExample() {
    ConfusionMatrix m = ConfusionMatrix::zeros({"negative", "positive"});
    m.counts = {{905, 9}, {18, 68}};
    const auto r = classificationReport(m);
    const auto& pos = r.perClass[1];
    QCOMPARE(std::round(pos.precision * 1000) / 10, 88.3);
    QCOMPARE(std::round(pos.recall * 1000) / 10, 79.1);
    QCOMPARE(std::round(pos.f1 * 1000) / 10, 83.4);
    QCOMPARE(pos.precision, 68.0 / 77.0);
    QCOMPARE(pos.recall, 68.0 / 86.0);
    QCOMPARE(pos.support, std::int64_t{86});
    QCOMPARE(r.accuracy, 973.0 / 1000.0);
  }

  // Rows = reference cat/dog/bird, columns = model. Reference values computed once with
  // scikit-learn 1.2.1 (precision_recall_fscore_support, f1_score average=macro/weighted):
  //   precision [0.8333333, 0.6, 0.5], recall [0.625, 0.6, 0.6666667],
  //   f1 [0.71428571, 0.6, 0.57142857], support [8, 10, 6],
  //   accuracy 0.625, macro F1 0.6285714285714286, weighted F1 0.630952380952381,
  //   macro P/R 0.6444444444444445 / 0.6305555555555555, weighted P/R 0.6527777777777778 / 0.625.
  void threeClassAgainstScikitLearn() {
    ConfusionMatrix m = ConfusionMatrix::zeros({"cat", "dog", "bird"});
    m.counts = {{5, 2, 1}, {1, 6, 3}, {0, 2, 4}};
    const auto r = classificationReport(m);
    QCOMPARE(r.perClass.size(), std::size_t{3});
    QVERIFY(qFuzzyCompare(r.perClass[0].precision, 0.8333333333333334));
    QVERIFY(qFuzzyCompare(r.perClass[1].recall, 0.6));
    QVERIFY(qFuzzyCompare(r.perClass[2].f1, 0.5714285714285714));
    QCOMPARE(r.perClass[1].support, std::int64_t{10});
    QVERIFY(qFuzzyCompare(r.accuracy, 0.625));
    QVERIFY(qFuzzyCompare(r.macroF1, 0.6285714285714286));
    QVERIFY(qFuzzyCompare(r.weightedF1, 0.630952380952381));
    QVERIFY(qFuzzyCompare(r.macroPrecision, 0.6444444444444445));
    QVERIFY(qFuzzyCompare(r.macroRecall, 0.6305555555555555));
    QVERIFY(qFuzzyCompare(r.weightedPrecision, 0.6527777777777778));
    QVERIFY(qFuzzyCompare(r.weightedRecall, 0.625));
  }

  void rowNormalizedDividesEachRowBySupport() {
    ConfusionMatrix m = ConfusionMatrix::zeros({"a", "b", "c"});
    m.counts = {{5, 2, 1}, {0, 0, 0}, {0, 2, 4}};
    const auto n = m.rowNormalized();
    QCOMPARE(n[0][0], 5.0 / 8.0);
    QCOMPARE(n[0][2], 1.0 / 8.0);
    QCOMPARE(n[1], (std::vector<double>{0, 0, 0}));  // an empty row stays zero, not NaN
    QCOMPARE(n[2][2], 4.0 / 6.0);
  }

  // scikit-learn's zero_division=0: a class never predicted has precision 0, not NaN.
  void classNeverPredictedHasZeroPrecision() {
    ConfusionMatrix m = ConfusionMatrix::zeros({"a", "b"});
    m.counts = {{3, 0}, {2, 0}};
    const auto r = classificationReport(m);
    QCOMPARE(r.perClass[1].precision, 0.0);
    QCOMPARE(r.perClass[1].recall, 0.0);
    QCOMPARE(r.perClass[1].f1, 0.0);
    QCOMPARE(r.perClass[0].precision, 0.6);
  }

  // Detection: background last and left out; accuracy = micro F1 = 2TP / (2TP + FP + FN).
  void detectionReportLeavesBackgroundOut() {
    ConfusionMatrix m = ConfusionMatrix::zeros({"car", "person", "background"});
    // 6 cars found as cars, 1 car called person, 2 cars missed, 3 false cars, 4 persons found.
    m.counts = {{6, 1, 2}, {0, 4, 0}, {3, 0, 0}};
    const auto r = classificationReport(m, true);
    QCOMPARE(r.perClass.size(), std::size_t{2});
    QCOMPARE(r.perClass[0].precision, 6.0 / 9.0);
    QCOMPARE(r.perClass[0].recall, 6.0 / 9.0);
    QCOMPARE(r.perClass[1].precision, 4.0 / 5.0);
    // TP 10, FP = 3 background + 1 wrong class = 4, FN = 2 missed + 1 wrong class = 3.
    QCOMPARE(r.accuracy, 20.0 / 27.0);
  }
};

static RegisterSuite<TestClassificationReport> reg;
#include "test_classification_report.moc"
