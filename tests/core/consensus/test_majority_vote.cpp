// Majority vote on cases small enough to work by hand (ties, unrated items, repeated ratings, a
// labeler without ratings), and how both methods refuse bad input.
#include <QtTest>

#include <cmath>
#include <stdexcept>

#include "core/consensus/dawid_skene.h"
#include "core/consensus/majority_vote.h"
#include "core/consensus/method.h"
#include "tests/core/consensus/suites.h"

using namespace loupe::consensus;

namespace {

void expectRow(const std::vector<double>& actual, const std::vector<double>& expected, const char* what) {
  QVERIFY2(actual.size() == expected.size(), what);
  for (std::size_t i = 0; i < expected.size(); ++i)
    QVERIFY2(std::abs(actual[i] - expected[i]) < 1e-12, qPrintable(QString("%1[%2] = %3").arg(what).arg(i).arg(actual[i])));
}

// Three classes, labelers 0..2 and a fourth who rated nothing; four items:
//   item 0: 0, 0, 1   -> 0 (two of three)
//   item 1: 1, 2      -> tie; the lower class, 1
//   item 2: nobody    -> -1
//   item 3: 2, 2, 2   -> 2
ConsensusInput handWorked() {
  return {.items = 4,
          .labelers = 4,
          .classes = 3,
          .ratings = {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 1}, {1, 1, 2}, {3, 0, 2}, {3, 1, 2}, {3, 2, 2}}};
}

template <typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return {};
}

}  // namespace

class TestMajorityVote : public QObject {
  Q_OBJECT

 private slots:
  void labelsTiesAndUnratedItems() {
    const auto r = majorityVote(handWorked());
    QCOMPARE(r.label, (std::vector<int>{0, 1, -1, 2}));
    expectRow(r.posterior[0], {2.0 / 3, 1.0 / 3, 0}, "posterior 0");
    expectRow(r.posterior[1], {0, 0.5, 0.5}, "posterior 1");
    QVERIFY(r.posterior[2].empty());
    expectRow(r.prior, {1.0 / 3, 1.0 / 3, 1.0 / 3}, "prior");  // three rated items, one per class
    QCOMPARE(r.iterations, 0);
    QVERIFY(r.converged);
    QVERIFY(!r.logLikelihood);
  }

  // Accuracy: the share of a labeler's ratings that agree with the vote. Labeler 0 agrees 3 of 3,
  // labeler 1 2 of 3 (item 1 went the other way), labeler 2 1 of 2; labeler 3 is undefined.
  void labelerAccuracyAndConfusion() {
    const auto r = majorityVote(handWorked());
    QCOMPARE(r.accuracy.size(), std::size_t(4));
    QCOMPARE(*r.accuracy[0], 1.0);
    QVERIFY(std::abs(*r.accuracy[1] - 2.0 / 3) < 1e-12);
    QCOMPARE(*r.accuracy[2], 0.5);
    QVERIFY(!r.accuracy[3]);
    // Labeler 2 gave 1 on a vote-0 item and 2 on a vote-2 item; it never saw a vote-1 item, so
    // that row says nothing (uniform).
    expectRow(r.confusion[2][0], {0, 1, 0}, "labeler 2, class 0");
    expectRow(r.confusion[2][1], {1.0 / 3, 1.0 / 3, 1.0 / 3}, "labeler 2, class 1");
    expectRow(r.confusion[2][2], {0, 0, 1}, "labeler 2, class 2");
    expectRow(r.confusion[1][1], {0, 0, 1}, "labeler 1, class 1");
  }

  // A labeler who rated an item three times votes three times: 3 votes for 1 beat 2 for 0.
  void repeatedRatingsAreVotes() {
    const ConsensusInput in{.items = 1, .labelers = 3, .classes = 2,
                            .ratings = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}, {0, 2, 0}}};
    const auto r = majorityVote(in);
    QCOMPARE(r.label[0], 1);
    expectRow(r.posterior[0], {0.4, 0.6}, "posterior");
    QCOMPARE(*r.accuracy[0], 1.0);
    QCOMPARE(*r.accuracy[1], 0.0);
  }

  void nothingRated() {
    const ConsensusInput in{.items = 2, .labelers = 2, .classes = 2, .ratings = {}};
    for (const auto& r : {majorityVote(in), dawidSkene(in)}) {
      QCOMPARE(r.label, (std::vector<int>{-1, -1}));
      expectRow(r.prior, {0.5, 0.5}, "prior");
      QVERIFY(!r.accuracy[0] && !r.accuracy[1]);
    }
  }

  // Dawid-Skene on the same small case: the unrated item stays unrated, and labels no one ever
  // gave for a class leave finite probabilities (the pseudo-count), never NaN.
  void dawidSkeneStaysFiniteOnSparseCounts() {
    const auto r = dawidSkene(handWorked());
    QCOMPARE(r.label[2], -1);
    QCOMPARE(r.label[3], 2);
    QVERIFY(r.posterior[2].empty());
    QVERIFY(r.logLikelihood && std::isfinite(*r.logLikelihood));
    for (const auto& m : r.confusion)
      for (const auto& row : m)
        for (double v : row) QVERIFY(std::isfinite(v) && v > 0);
    for (std::size_t i : {0u, 1u, 3u})
      for (double v : r.posterior[i]) QVERIFY(std::isfinite(v));
    QVERIFY(!r.accuracy[3]);
  }

  void badInputNamesTheRating() {
    auto in = handWorked();
    in.ratings[4].label = 3;
    const QString expected = "rating 4 (item 1, labeler 1, label 3): label outside 0..2";
    QCOMPARE(errorOf([&] { majorityVote(in); }), expected);
    QCOMPARE(errorOf([&] { dawidSkene(in); }), expected);
    in.ratings[4].label = -1;
    QVERIFY(errorOf([&] { majorityVote(in); }).contains("label outside"));
    in = handWorked();
    in.ratings[0].item = 4;
    QCOMPARE(errorOf([&] { dawidSkene(in); }), QString("rating 0 (item 4, labeler 0, label 0): item outside 0..3"));
    in = handWorked();
    in.ratings[7].labeler = 9;
    QVERIFY(errorOf([&] { majorityVote(in); }).startsWith("rating 7 (item 3, labeler 9, label 2): labeler outside"));
    in = handWorked();
    in.classes = 0;
    QVERIFY(errorOf([&] { majorityVote(in); }).contains("at least one class"));
    in = handWorked();
    in.items = -1;
    QVERIFY(errorOf([&] { dawidSkene(in); }).contains("negative"));
  }

  void badOptionsAreRefused() {
    QVERIFY(errorOf([] { dawidSkene(handWorked(), {.maxIterations = 0}); }).contains("maxIterations"));
    QVERIFY(errorOf([] { dawidSkene(handWorked(), {.pseudoCount = 0}); }).contains("pseudoCount"));
    QVERIFY(errorOf([] { dawidSkene(handWorked(), {.parameterTolerance = -1}); }).contains("tolerances"));
  }

  // The CLI's names for the methods, and that each name runs its own method.
  void methodNames() {
    QCOMPARE(methodFromString("dawid-skene"), std::optional<Method>(Method::DawidSkene));
    QCOMPARE(methodFromString("majority"), std::optional<Method>(Method::Majority));
    QVERIFY(!methodFromString("vote"));
    QCOMPARE(toString(Method::DawidSkene), std::string_view("dawid-skene"));
    QVERIFY(estimate(Method::DawidSkene, handWorked()).logLikelihood);
    QVERIFY(!estimate(Method::Majority, handWorked()).logLikelihood);
  }
};

static RegisterSuite<TestMajorityVote> reg;
#include "test_majority_vote.moc"
