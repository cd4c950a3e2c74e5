// Scopes (project, class, slice, pairs, vs reference), the report and HLP, built from domain
// values as storage returns them. Expected numbers are hand-computed in the comments.
#include <QtTest>

#include <cmath>
#include <stdexcept>

#include "core/agreement/agreement_data.h"
#include "core/agreement/class_scale.h"
#include "core/agreement/disagreement.h"
#include "core/agreement/hlp.h"
#include "core/agreement/report.h"
#include "tests/support/annotation_values.h"

using namespace loupe;
using namespace loupe::agreement;

namespace {

void near(const Coefficient& c, double expected, const char* what) {
  if (!c.value) QFAIL(qPrintable(QString("%1 undefined: %2").arg(what, QString::fromStdString(c.note))));
  if (std::abs(*c.value - expected) > 1e-12)
    QFAIL(qPrintable(QString("%1 = %2, expected %3").arg(what).arg(*c.value, 0, 'g', 15).arg(expected, 0, 'g', 15)));
}

const ClassDef kDog{11, "dog", "#ff0000", "1", 0};
const ClassDef kCat{10, "cat", "#00ff00", "2", 1};

// Short names for the support values (tests/support/annotation_values.h) the tests use a lot.
Annotation label(Id item, Id labeler, Id cls) { return test::imageLabel(item, labeler, cls); }
Annotation box(Id item, Id labeler, Id cls, Box b) { return test::boxLabel(item, labeler, cls, b); }

// The HLP fixture: items 1-4 are "day", 5-6 "night".
//   ref:   dog dog cat cat | dog cat
//   alice: dog dog cat dog | dog cat   (vs ref: day 3/4, night 2/2)
//   bob:   dog cat dog cat | cat cat   (vs ref: day 2/4, night 1/2)
AgreementData hlpFixture() {
  const std::vector<Labeler> labelers{{1, "alice", LabelerKind::Human}, {2, "bob", LabelerKind::Human},
                                      {4, "ref", LabelerKind::Reference}};
  const Id d = kDog.id, c = kCat.id;
  std::vector<Annotation> anns;
  const Id ref[] = {d, d, c, c, d, c}, alice[] = {d, d, c, d, d, c}, bob[] = {d, c, d, c, c, c};
  for (Id i = 0; i < 6; ++i) {
    anns.push_back(label(i + 1, 4, ref[i]));
    anns.push_back(label(i + 1, 1, alice[i]));
    anns.push_back(label(i + 1, 2, bob[i]));
  }
  return buildAgreementData({1, 2, 3, 4, 5, 6}, labelers, {kCat, kDog}, anns);
}

const std::vector<std::string> kSlices{"day", "day", "day", "day", "night", "night"};

}  // namespace

class TestAgreementScopes : public QObject {
  Q_OBJECT
 private slots:
  void classesFollowProjectOrderOrNumericValue() {
    const auto named = scaleOrder({kCat, kDog});
    QCOMPARE(named[0].name, std::string("dog"));  // order 0
    const auto numeric = scaleOrder({{1, "10", "", "", 0}, {2, "2", "", "", 1}, {3, "1.5", "", "", 2}});
    QCOMPARE(numeric[0].name, std::string("1.5"));
    QCOMPARE(numeric[2].name, std::string("10"));
    QCOMPARE(classNameAsNumber(" 3 "), std::optional<double>(3.0));
    QVERIFY(!classNameAsNumber("3 cats"));
    QVERIFY(!classNameAsNumber(""));
  }

  // Wikipedia's Cohen's kappa example (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) as 50 items:
  // kappa 0.4; Scott's pi: pooled "dog" = (25 + 30)/100, pe = 0.55² + 0.45² = 0.505,
  // pi = (0.7 - 0.505)/(1 - 0.505) = 13/33. Two raters: percent agreement 0.7.
  void reportOnWikipediaCohenExample() {
    std::vector<Annotation> anns;
    std::vector<Id> items;
    auto add = [&](int n, Id a, Id b) {
      for (int i = 0; i < n; ++i) {
        const Id item = Id(items.size()) + 1;
        items.push_back(item);
        anns.push_back(label(item, 1, a));
        anns.push_back(label(item, 2, b));
      }
    };
    add(20, kDog.id, kDog.id);
    add(5, kDog.id, kCat.id);
    add(10, kCat.id, kDog.id);
    add(15, kCat.id, kCat.id);
    items.push_back(999);  // an unlabeled item does not count
    const auto data = buildAgreementData(items, {{1, "alice", LabelerKind::Human}, {2, "bob", LabelerKind::Human}},
                                         {kCat, kDog}, anns);
    const auto r = computeAgreement(data, {});
    QCOMPARE(r.items, std::size_t(50));
    QCOMPARE(r.pairs.size(), std::size_t(1));
    QCOMPARE(r.pairs[0].a, std::string("alice"));
    QCOMPARE(r.pairs[0].n, std::size_t(50));
    near(r.pairs[0].cohenKappa, 0.4, "kappa");
    near(r.pairs[0].scottPi, 13.0 / 33.0, "pi");
    near(r.pairs[0].percentAgreement, 0.7, "pair percent agreement");
    near(r.percentAgreement, 0.7, "percent agreement");
    // Two categories: linear weights equal the unweighted ones.
    near(r.pairs[0].cohenKappaLinear, 0.4, "linear kappa");
    QVERIFY(r.boxPairs.empty());
    // Fleiss' kappa for two raters is Scott's pi.
    near(r.fleissKappa, 13.0 / 33.0, "Fleiss");
  }

  void oneLabelerIsAClearError() {
    const auto data = selectLabelers(hlpFixture(), {"alice"});
    try {
      computeAgreement(data, {});
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(std::string(e.what()).find("at least two labelers") != std::string::npos, e.what());
      QVERIFY2(std::string(e.what()).find("alice") != std::string::npos, e.what());
    }
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, selectLabelers(hlpFixture(), {"alice", "zoe"}));
  }

  // Pair matrix: alice/bob agree on items 1 and 6 of 6 (2/6); alice/ref on 5/6; bob/ref on 3/6.
  void pairMatrixIncludesTheReference() {
    const auto r = computeAgreement(hlpFixture(), {});
    QCOMPARE(r.pairs.size(), std::size_t(3));
    near(r.pairs[0].percentAgreement, 2.0 / 6, "alice/bob");
    QCOMPARE(r.pairs[1].b, std::string("ref"));
    near(r.pairs[1].percentAgreement, 5.0 / 6, "alice/ref");
    near(r.pairs[2].percentAgreement, 3.0 / 6, "bob/ref");
    // Three raters: percent agreement = mean of pair shares per item = (2+5+3)/(3*6).
    near(r.percentAgreement, 10.0 / 18, "overall");
  }

  // Slice "night" (items 5, 6): alice = ref on both, bob differs on item 5.
  void sliceAndClassScopes() {
    const auto night = selectUnits(hlpFixture(), {4, 5});
    const auto r = computeAgreement(selectLabelers(night, {"alice", "ref"}), {});
    QCOMPARE(r.items, std::size_t(2));
    near(r.pairs[0].percentAgreement, 1.0, "night alice/ref");
    near(r.pairs[0].cohenKappa, 1.0, "night kappa");
    // Class scope "cat" over all items: alice says cat on items 3, 6; bob on 2, 4, 5, 6. As
    // cat/not-cat per item: 1 n/n, 2 n/y, 3 y/n, 4 n/y, 5 n/y, 6 y/y, so they agree on 2 of 6.
    const auto cat = oneClassScope(selectLabelers(hlpFixture(), {"alice", "bob"}), 1);
    QCOMPARE(cat.classes[1].name, std::string("cat"));
    near(computeAgreement(cat, {}).pairs[0].percentAgreement, 2.0 / 6, "cat scope");
  }

  void singleClassGivesNullsAndNotes() {
    std::vector<Annotation> anns{label(1, 1, kDog.id), label(1, 2, kDog.id), label(2, 1, kDog.id), label(2, 2, kDog.id)};
    const auto r = computeAgreement(
        buildAgreementData({1, 2}, {{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}}, {kDog, kCat}, anns), {});
    near(r.percentAgreement, 1.0, "percent agreement");
    QVERIFY(!r.fleissKappa.value);
    QVERIFY(!r.krippendorffAlpha.value);
    QVERIFY(!r.pairs[0].cohenKappa.value);
    QVERIFY(!r.notes.empty());
    bool mentionsKappa = false;
    for (const auto& n : r.notes) mentionsKappa |= n.find("a/b: cohen_kappa") != std::string::npos;
    QVERIFY(mentionsKappa);
  }

  void intervalLevelNeedsNumericClassNames() {
    std::vector<Annotation> anns{label(1, 1, kDog.id), label(1, 2, kCat.id), label(2, 1, kDog.id), label(2, 2, kDog.id)};
    const auto data = buildAgreementData({1, 2}, {{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}},
                                         {kDog, kCat}, anns);
    const auto r = computeAgreement(data, {Level::Interval, 0.5});
    QVERIFY(!r.krippendorffAlpha.value);
    QVERIFY2(r.krippendorffAlpha.note.find("'dog', 'cat'") != std::string::npos, r.krippendorffAlpha.note.c_str());
  }

  // Classes "1","2","3" on two items by two labelers: (1,3), (2,2). Interval alpha by hand:
  // coincidences o_13 = o_31 = 1, o_22 = 2; n_1 = 1, n_2 = 2, n_3 = 1, n = 4.
  // D_o ∝ 2·(3-1)² = 8; D_e ∝ 2·(1·2·1 + 1·1·4 + 2·1·1) = 16; alpha = 1 - 3·8/16 = -0.5.
  void intervalLevelReadsClassNamesAsNumbers() {
    const std::vector<ClassDef> classes{{1, "3", "", "", 0}, {2, "1", "", "", 1}, {3, "2", "", "", 2}};
    std::vector<Annotation> anns{label(1, 1, 2), label(1, 2, 1), label(2, 1, 3), label(2, 2, 3)};
    const auto data = buildAgreementData({1, 2}, {{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}},
                                         classes, anns);
    near(computeAgreement(data, {Level::Interval, 0.5}).krippendorffAlpha, -0.5, "interval alpha");
  }

  void severalLabelsFromOneLabelerAreNoted() {
    std::vector<Annotation> anns{label(1, 1, kCat.id), label(1, 1, kDog.id), label(1, 2, kDog.id)};
    const auto data = buildAgreementData({1}, {{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}},
                                         {kDog, kCat}, anns);
    QCOMPARE(data.labels.at(0, 0), 0);  // dog, first in class order
    QCOMPARE(data.notes.size(), std::size_t(1));
  }

  // Boxes through the report: item 1 both draw the same dog box; item 2 only a draws one.
  void boxPairsInReport() {
    std::vector<Annotation> anns{box(1, 1, kDog.id, {0, 0, 10, 10}), box(1, 2, kDog.id, {0, 0, 10, 10}),
                                 box(2, 1, kCat.id, {5, 5, 4, 4})};
    const auto data = buildAgreementData({1, 2, 3}, {{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}},
                                         {kDog, kCat}, anns);
    const auto r = computeAgreement(data, {Level::Nominal, 0.5});
    QCOMPARE(r.items, std::size_t(2));
    QCOMPARE(r.boxPairs.size(), std::size_t(1));
    const auto& b = r.boxPairs[0].agreement;
    near(b.precision, 1.0, "precision");
    near(b.recall, 0.5, "recall");
    near(b.f1, 2.0 / 3, "f1");
    QCOMPARE(b.counts.missing(), std::size_t(1));
    QVERIFY(!r.fleissKappa.value);  // no image labels
    // Class scope "cat" keeps only item 2's box.
    const auto cat = computeAgreement(oneClassScope(data, 1), {});
    near(cat.boxPairs[0].agreement.recall, 0.0, "cat recall");
  }

  // With the reference: day = mean(3/4, 2/4) = 0.625, night = mean(2/2, 1/2) = 0.75.
  void hlpAgainstReference() {
    const auto h = humanLevelPerformance(hlpFixture(), kSlices, {});
    QCOMPARE(h.reference, std::optional<std::string>("ref"));
    QCOMPARE(h.slices.size(), std::size_t(2));
    QCOMPARE(h.slices[0].slice, std::string("day"));
    QCOMPARE(h.slices[0].items, std::size_t(4));
    near(h.slices[0].hlp, 0.625, "day");
    near(h.slices[1].hlp, 0.75, "night");
  }

  // Without a reference: alice/bob agree on item 1 of day's 4 and item 6 of night's 2.
  void hlpWithoutReference() {
    const auto data = selectLabelers(hlpFixture(), {"alice", "bob"});
    const auto h = humanLevelPerformance(data, kSlices, {});
    QVERIFY(!h.reference);
    near(h.slices[0].hlp, 0.25, "day");
    near(h.slices[1].hlp, 0.5, "night");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, humanLevelPerformance(selectLabelers(data, {"alice"}), kSlices, {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, humanLevelPerformance(data, kSlices, {"zoe", 0.5}));
  }

  // Naming a human as reference: bob is scored against alice only: day 1/4, night 1/2.
  void hlpWithNamedReference() {
    const auto data = selectLabelers(hlpFixture(), {"alice", "bob"});
    const auto h = humanLevelPerformance(data, kSlices, {std::string("alice"), 0.5});
    near(h.slices[0].hlp, 0.25, "day");
    near(h.slices[1].hlp, 0.5, "night");
  }

  // Boxes: ref and alice draw the same box on item 1, bob draws none: F1 1 and 0 -> 0.5.
  // Item 2 has no boxes at all: its slice has nothing to compare and is null with a note.
  void hlpForBoxes() {
    const std::vector<Labeler> labelers{{1, "alice", LabelerKind::Human}, {2, "bob", LabelerKind::Human},
                                        {4, "ref", LabelerKind::Reference}};
    std::vector<Annotation> anns{box(1, 4, kDog.id, {0, 0, 10, 10}), box(1, 1, kDog.id, {0, 0, 10, 10})};
    const auto h = humanLevelPerformance(buildAgreementData({1, 2}, labelers, {kDog}, anns), {"a", "b"}, {});
    QVERIFY(h.boxes);
    near(h.slices[0].hlp, 0.5, "slice a");
    QVERIFY(!h.slices[1].hlp.value);
    QCOMPARE(h.slices[1].items, std::size_t(0));
    QVERIFY(!h.notes.empty());
  }

  // Queue on the HLP fixture (3 labelers, pairs per item): items 1 and 6 all agree (score 0,
  // left out); items 2, 3, 4, 5 have one odd labeler out: 1 of 3 pairs agree, score 2/3.
  // With alice and bob only: items 2-5 disagree (score 1).
  void disagreementQueueWorstFirst() {
    const auto q = disagreementQueue(hlpFixture());
    QCOMPARE(q.size(), std::size_t(4));
    QCOMPARE(q[0].unit, std::size_t(1));
    near(Coefficient::of(q[0].score), 2.0 / 3, "score");
    QCOMPARE(q[0].labelers, 3);
    // Boxes: item 1 both draw the same box (no disagreement); item 2 a draws two boxes and b one
    // of them (F1 2/3, score 1/3); item 3 only a draws (F1 0, score 1).
    const std::vector<Labeler> two{{1, "a", LabelerKind::Human}, {2, "b", LabelerKind::Human}};
    std::vector<Annotation> anns{box(1, 1, kDog.id, {0, 0, 10, 10}), box(1, 2, kDog.id, {0, 0, 10, 10}),
                                 box(2, 1, kDog.id, {0, 0, 10, 10}), box(2, 1, kDog.id, {50, 0, 10, 10}),
                                 box(2, 2, kDog.id, {0, 0, 10, 10}), box(3, 1, kCat.id, {0, 0, 10, 10})};
    const auto boxes = disagreementQueue(buildAgreementData({1, 2, 3}, two, {kDog, kCat}, anns));
    QCOMPARE(boxes.size(), std::size_t(2));
    QCOMPARE(boxes[0].unit, std::size_t(2));
    near(Coefficient::of(boxes[0].score), 1.0, "item 3");
    QCOMPARE(boxes[1].unit, std::size_t(1));
    near(Coefficient::of(boxes[1].score), 1.0 / 3, "item 2");
  }
};

QTEST_GUILESS_MAIN(TestAgreementScopes)
#include "test_agreement_scopes.moc"
