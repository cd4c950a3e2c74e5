// Dawid-Skene against labelers whose accuracy we set: it must recover each one within 0.03 and
// find the true classes more often than the plain vote, which trusts the 55% labeler as much as
// the 95% one.
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <random>

#include "core/consensus/dawid_skene.h"
#include "core/consensus/majority_vote.h"
#include "tests/core/consensus/suites.h"

using namespace loupe::consensus;

namespace {

constexpr double kAccuracies[5] = {0.95, 0.85, 0.75, 0.65, 0.55};

struct Simulation {
  ConsensusInput input;
  std::vector<int> truth;
};

// From the engine's raw output, not std::uniform_real_distribution (implementation-defined), so
// the data are the same with every standard library.
double unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

int pick(std::mt19937_64& rng, const std::vector<double>& shares) {
  double u = unit(rng);
  for (std::size_t c = 0; c + 1 < shares.size(); ++c) {
    if (u < shares[c]) return static_cast<int>(c);
    u -= shares[c];
  }
  return static_cast<int>(shares.size()) - 1;
}

// Each labeler rates an item with probability `coverage`, gives the true class with its accuracy
// and otherwise any other class with equal probability (symmetric noise).
Simulation simulate(std::uint64_t seed, int items, const std::vector<double>& prior, double coverage) {
  std::mt19937_64 rng(seed);
  const int classes = static_cast<int>(prior.size());
  Simulation s{.input = {.items = items, .labelers = 5, .classes = classes, .ratings = {}}, .truth = {}};
  for (int i = 0; i < items; ++i) {
    const int truth = pick(rng, prior);
    s.truth.push_back(truth);
    for (int l = 0; l < 5; ++l) {
      if (unit(rng) >= coverage) continue;
      int label = truth;
      if (unit(rng) >= kAccuracies[l]) label = (truth + 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(classes - 1))) % classes;
      s.input.ratings.push_back({.item = i, .labeler = l, .label = label});
    }
  }
  return s;
}

// Share of the items that have a consensus label and whose label is the true class.
double consensusAccuracy(const ConsensusResult& r, const std::vector<int>& truth) {
  int rated = 0, right = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (r.label[i] < 0) continue;
    ++rated;
    right += r.label[i] == truth[i];
  }
  return static_cast<double>(right) / rated;
}

void expectAccuraciesRecovered(const ConsensusResult& ds) {
  for (int l = 0; l < 5; ++l) {
    const auto& estimate = ds.accuracy[static_cast<std::size_t>(l)];
    QVERIFY(estimate.has_value());
    QVERIFY2(std::abs(*estimate - kAccuracies[l]) <= 0.03,
             qPrintable(QString("labeler %1: estimated %2, true %3").arg(l).arg(*estimate, 0, 'f', 4).arg(kAccuracies[l])));
  }
}

}  // namespace

class TestSimulatedLabelers : public QObject {
  Q_OBJECT

 private slots:
  // 2,000 items, 4 equally common classes, every labeler rates every item.
  void recoversAccuraciesOnACompleteDesign() {
    const auto sim = simulate(20240601, 2000, {0.25, 0.25, 0.25, 0.25}, 1.0);
    const auto ds = dawidSkene(sim.input);
    QVERIFY(ds.converged);
    expectAccuraciesRecovered(ds);
    const auto mv = majorityVote(sim.input);
    const double dsRight = consensusAccuracy(ds, sim.truth), mvRight = consensusAccuracy(mv, sim.truth);
    QVERIFY2(dsRight > mvRight + 0.02, qPrintable(QString("Dawid-Skene %1, majority %2").arg(dsRight).arg(mvRight)));
    // The vote's own accuracy estimates are agreement with a noisy vote, so the best labeler
    // looks worse than it is; the model's estimate does not.
    QVERIFY(std::abs(*ds.accuracy[0] - 0.95) < std::abs(*mv.accuracy[0] - 0.95));
  }

  // 2,000 items, 5 classes of unequal frequency, each labeler rates 70% of the items (some
  // items get one rating or none).
  void recoversAccuraciesAndPriorOnASparseDesign() {
    const std::vector<double> prior{0.4, 0.25, 0.15, 0.1, 0.1};
    const auto sim = simulate(7, 2000, prior, 0.7);
    const auto ds = dawidSkene(sim.input);
    QVERIFY(ds.converged);
    expectAccuraciesRecovered(ds);
    for (std::size_t c = 0; c < prior.size(); ++c)
      QVERIFY2(std::abs(ds.prior[c] - prior[c]) <= 0.03, qPrintable(QString("class %1: %2").arg(c).arg(ds.prior[c])));
    const auto mv = majorityVote(sim.input);
    const double dsRight = consensusAccuracy(ds, sim.truth), mvRight = consensusAccuracy(mv, sim.truth);
    QVERIFY2(dsRight > mvRight + 0.005, qPrintable(QString("Dawid-Skene %1, majority %2").arg(dsRight).arg(mvRight)));
    for (std::size_t i = 0; i < sim.truth.size(); ++i) QCOMPARE(ds.label[i] < 0, mv.label[i] < 0);
  }
};

static RegisterSuite<TestSimulatedLabelers> reg;
#include "test_simulated_labelers.moc"
