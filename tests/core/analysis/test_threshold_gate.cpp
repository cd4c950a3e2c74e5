#include <QtTest>

#include "core/analysis/threshold_gate.h"
#include "tests/core/analysis/suites.h"

using namespace loupe;
using namespace loupe::analysis;

namespace {

// Ten items: the model is right on all five train items and on three of five test items.
EvalTable gateTable() {
  EvalTable t;
  t.classes = {"cat", "dog"};
  t.itemIds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  t.reference = {"ref", LabelerKind::Reference, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, {}, {}};
  t.model = {"net", LabelerKind::Model, {0, 1, 0, 1, 0, 1, 0, 0, 1, 1}, {}, {}};
  t.facets.push_back({"split", {"train", "test"}, {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}});
  t.facets.push_back({"source", {"device:1", "import:csv"}, {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}});
  return t;
}

}  // namespace

class TestThresholdGate : public QObject {
  Q_OBJECT
 private slots:
  void parsesWholeSetAndSliceTests() {
    const auto tests = parseThresholds("accuracy=0.9, split=test:accuracy=0.8,source=device:1&split=train:macro_f1=1");
    QCOMPARE(tests.size(), std::size_t{3});
    QVERIFY(tests[0].slice.all.empty());
    QCOMPARE(tests[0].threshold, 0.9);
    QCOMPARE(describe(tests[1].slice), std::string("split=test"));
    // The slice's own ':' (device:1) stays in the slice.
    QCOMPARE(describe(tests[2].slice), std::string("source=device:1 AND split=train"));
    QCOMPARE(tests[2].metric, std::string("macro_f1"));
    QCOMPARE(tests[2].threshold, 1.0);
  }

  void rejectsMalformedTests() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseThresholds("accuracy"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseThresholds("accuracy=90"));  // not a fraction
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseThresholds("accuracy=0.9x"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseThresholds(""));
  }

  void passesAndFailsOnKnownValues() {
    const auto t = gateTable();
    const auto out = runGate(t, parseThresholds("accuracy=0.8,split=train:accuracy=1,split=test:accuracy=0.7"));
    QCOMPARE(*out[0].value, 0.8);
    QVERIFY(out[0].passed);  // 8/10 ≥ 0.8
    QVERIFY(out[1].passed);
    QCOMPARE(*out[2].value, 0.6);
    QVERIFY(!out[2].passed);
  }

  void emptySliceFailsAndUnknownMetricIsAnError() {
    auto t = gateTable();
    t.facets[0].values.push_back("val");
    const auto out = runGate(t, parseThresholds("split=val:accuracy=0.5"));
    QVERIFY(!out[0].value);
    QVERIFY(!out[0].passed);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runGate(t, parseThresholds("map=0.5")));
  }
};

static RegisterSuite<TestThresholdGate> reg;
#include "test_threshold_gate.moc"
