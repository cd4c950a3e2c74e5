#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/analysis/slice_definition.h"
#include "core/analysis/agreement_hlp.h"
#include "core/analysis/slice_metrics.h"
#include "core/analysis/slice_row.h"
#include "tests/core/analysis/suites.h"

using namespace loupe;
using namespace loupe::analysis;

namespace {

Facet facet(std::string key, std::vector<std::string> values, std::vector<std::int32_t> codes) {
  return {std::move(key), std::move(values), std::move(codes)};
}

// The issue's example on real rows: 500 items, 300 in train (60%). On train the model is right
// on 282 (94%) and the one human labeler on 285 (95%); on test both are always right.
EvalTable issueExampleTable() {
  EvalTable t;
  t.classes = {"cat", "dog"};
  t.reference = {"ref", LabelerKind::Reference, {}, {}, {}};
  t.model = {"model", LabelerKind::Model, {}, {}, {}};
  LabelColumn ann{"ann", LabelerKind::Human, {}, {}, {}};
  std::vector<std::int32_t> split;
  for (int r = 0; r < 500; ++r) {
    const int truth = r % 2;
    t.itemIds.push_back(1000 + r);
    t.reference.label.push_back(truth);
    const bool train = r < 300;
    t.model.label.push_back(train && r < 18 ? 1 - truth : truth);   // 18 wrong = 6%
    ann.label.push_back(train && r >= 285 ? 1 - truth : truth);     // 15 wrong = 5%
    split.push_back(train ? 0 : 1);
  }
  t.humans.push_back(ann);
  t.facets.push_back(facet("split", {"train", "test"}, split));
  return t;
}

// Eight items, two classes, a "weather" attribute, two humans who each labeled half.
EvalTable smallTable() {
  EvalTable t;
  t.classes = {"cat", "dog"};
  t.itemIds = {11, 12, 13, 14, 15, 16, 17, 18};
  t.reference = {"ref", LabelerKind::Reference, {0, 0, 0, 0, 1, 1, 1, 1}, {}, {}};
  t.model = {"net", LabelerKind::Model, {0, 1, 0, -1, 1, 1, 0, 1}, {}, {}};
  t.humans.push_back({"ann", LabelerKind::Human, {0, 0, 1, 0, -1, -1, -1, -1}, {}, {}});
  t.humans.push_back({"bob", LabelerKind::Human, {-1, -1, -1, -1, 1, 1, 1, 0}, {}, {}});
  t.facets.push_back(facet("split", {"train", "test"}, {0, 0, 0, 0, 0, 1, 1, 1}));
  t.facets.push_back(facet("source", {"import:coco"}, {0, 0, 0, 0, 0, 0, 0, 0}));
  t.facets.push_back(facet("weather", {"rain", "sun"}, {0, 1, 0, 1, -1, 0, 0, 1}));
  return t;
}

}  // namespace

class TestSlices : public QObject {
  Q_OBJECT
 private slots:
  void issueExampleRow() {
    const auto row = makeSliceRow("night", 60, 100, 0.94, 0.95);
    QCOMPARE(row.share, 0.6);
    QVERIFY(qAbs(*row.gap - 0.01) < 1e-12);
    QVERIFY(qAbs(*row.priority - 0.006) < 1e-12);
  }

  void issueExampleThroughTheTable() {
    const auto t = issueExampleTable();
    const auto rows = sliceTable(t, groupRows(t, "split"), agreementHlp);
    QCOMPARE(rows.size(), std::size_t{2});
    QCOMPARE(rows[0].slice, std::string("split=train"));
    QCOMPARE(rows[0].items, std::int64_t{300});
    QCOMPARE(rows[0].share, 0.6);
    QCOMPARE(*rows[0].accuracy, 0.94);
    QCOMPARE(*rows[0].hlp, 0.95);
    QVERIFY(qAbs(*rows[0].gap - 0.01) < 1e-12);
    QVERIFY(qAbs(*rows[0].priority - 0.006) < 1e-12);
    QCOMPARE(*rows[1].gap, 0.0);
  }

  void noHumansMeansNoHlpAndNoPriority() {
    auto t = issueExampleTable();
    t.humans.clear();
    const auto rows = sliceTable(t, groupRows(t, "split"), agreementHlp);
    QVERIFY(!rows[0].hlp && !rows[0].gap && !rows[0].priority);
    QCOMPARE(*rows[0].accuracy, 0.94);
  }

  void sortPutsHighestPriorityFirstAndUnknownLast() {
    std::vector<SliceRow> rows{makeSliceRow("a", 10, 100, 0.9, 0.95), makeSliceRow("b", 50, 100, 0.9, std::nullopt),
                               makeSliceRow("c", 40, 100, 0.8, 0.95)};
    sortByPriority(rows);
    QCOMPARE(rows[0].slice, std::string("c"));  // 0.15 × 0.4 = 0.06
    QCOMPARE(rows[1].slice, std::string("a"));  // 0.05 × 0.1 = 0.005
    QCOMPARE(rows[2].slice, std::string("b"));
  }

  void conditionsSelectRowsAndCombineWithAnd() {
    const auto t = smallTable();
    QCOMPARE(selectRows(t, parseSlice("class=dog")), (RowSet{4, 5, 6, 7}));
    QCOMPARE(selectRows(t, parseSlice("weather=rain")), (RowSet{0, 2, 5, 6}));
    QCOMPARE(selectRows(t, parseSlice("weather=rain & split=test")), (RowSet{5, 6}));
    QCOMPARE(selectRows(t, parseSlice("labeler=ann")), (RowSet{0, 1, 2, 3}));
    QCOMPARE(selectRows(t, parseSlice("source=import:coco&class=cat")), (RowSet{0, 1, 2, 3}));
    QCOMPARE(selectRows(t, parseSlice("weather=snow")), RowSet{});  // known key, no such value
    QCOMPARE(selectRows(t, parseSlice("")).size(), std::size_t{8});
  }

  void unknownNamesAreErrorsNotEmptySlices() {
    const auto t = smallTable();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectRows(t, parseSlice("class=horse")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectRows(t, parseSlice("labeler=zed")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectRows(t, parseSlice("colour=red")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseSlice("weather"));
  }

  void sliceMetricsSkipItemsWithoutModelOutput() {
    const auto t = smallTable();
    // cat rows 0..3: model 0,1,0,(none) → 2 of 3 scored right.
    QCOMPARE(*accuracyOn(t, t.model, selectRows(t, parseSlice("class=cat"))), 2.0 / 3.0);
    // HLP on cats: only ann labeled them, 3 of 4 right.
    QCOMPARE(*agreementHlp(t, selectRows(t, parseSlice("class=cat"))), 0.75);
    // Whole set: ann 3/4, bob 3/4 → mean 0.75.
    QCOMPARE(*agreementHlp(t, selectRows(t, {})), 0.75);
    std::vector<std::vector<std::vector<Id>>> cells;
    const auto m = confusionOn(t, t.model, selectRows(t, {}), cells);
    QCOMPARE(m.counts, (std::vector<std::vector<std::int64_t>>{{2, 1}, {1, 3}}));
    QCOMPARE(cells[0][1], (std::vector<Id>{12}));
    QCOMPARE(cells[1][0], (std::vector<Id>{17}));
  }

  // Hand-computed on smallTable: the model did not answer row 3 (train). Train: rows 0..4, 4
  // evaluated, right on 0, 2, 4 → 3/4. Test: rows 5..7, right on 5, 7 → 2/3. Evaluated: 7.
  void shareAndAccuracyCountTheSameItems() {
    const auto t = smallTable();
    const auto rows = sliceTable(t, groupRows(t, "split"), agreementHlp);
    QCOMPARE(rows.size(), std::size_t{2});
    QCOMPARE(rows[0].slice, std::string("split=train"));
    QCOMPARE(rows[0].items, std::int64_t{4});
    QCOMPARE(rows[0].noPrediction, std::int64_t{1});
    QCOMPARE(rows[0].share, 4.0 / 7.0);
    QCOMPARE(*rows[0].accuracy, 0.75);
    QVERIFY(qAbs(*rows[0].priority - (*rows[0].hlp - 0.75) * 4.0 / 7.0) < 1e-12);
    QCOMPARE(rows[1].slice, std::string("split=test"));
    QCOMPARE(rows[1].items, std::int64_t{3});
    QCOMPARE(rows[1].noPrediction, std::int64_t{0});
    QCOMPARE(rows[1].share, 3.0 / 7.0);
    QCOMPARE(*rows[1].accuracy, 2.0 / 3.0);
    // A slice the model never answered: nothing evaluated, no accuracy, no priority.
    auto silent = t;
    silent.model.label.assign(8, -1);
    const auto none = sliceTable(silent, groupRows(silent, "split"), agreementHlp);
    QCOMPARE(none[0].items, std::int64_t{0});
    QCOMPARE(none[0].noPrediction, std::int64_t{5});
    QCOMPARE(none[0].share, 0.0);
    QVERIFY(!none[0].accuracy && !none[0].priority);
  }

  void groupingCoversEveryKey() {
    const auto t = smallTable();
    QCOMPARE(sliceKeys(t), (std::vector<std::string>{"split", "source", "class", "labeler", "weather"}));
    const auto byWeather = groupRows(t, "weather");
    QCOMPARE(byWeather.size(), std::size_t{2});
    QCOMPARE(describe(byWeather[1].slice), std::string("weather=sun"));
    QCOMPARE(byWeather[1].rows, (RowSet{1, 3, 7}));
    const auto byLabeler = groupRows(t, "labeler");
    QCOMPARE(byLabeler[1].rows, (RowSet{4, 5, 6, 7}));
  }

  void savedSlicesRoundTripThroughJson() {
    SliceDefinition s = parseSlice("weather=rain&split=test&attr:class=odd");
    s.name = "rainy test";
    QVERIFY(s.all[2].field == SliceField::Attribute);
    QCOMPARE(s.all[2].key, std::string("class"));
    const auto json = toJson(s);
    QCOMPARE(sliceFromJson(nlohmann::json::parse(json.dump())), s);
    QCOMPARE(describe(SliceDefinition{"", s.all}), std::string("weather=rain AND split=test AND attr:class=odd"));
  }

  void malformedSavedSliceNamesTheField() {
    const auto bad = nlohmann::json::parse(R"({"name":"x","all":[{"field":"colour","key":"k","value":"v"}]})");
    try {
      sliceFromJson(bad);
      QFAIL("no error");
    } catch (const std::invalid_argument& e) {
      QVERIFY(std::string(e.what()).find("all[0].field") != std::string::npos);
    }
  }
};

static RegisterSuite<TestSlices> reg;
#include "test_slices.moc"
