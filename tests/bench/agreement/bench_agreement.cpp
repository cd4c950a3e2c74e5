// Agreement benchmark. `make-labels P` / `make-boxes P` build a synthetic project through the
// storage API; `labels P` / `boxes P` time reading the project file and computing every metric,
// and print one JSON line with the seconds and the main results (compare.py checks them).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/agreement/report.h"
#include "storage/agreement/agreement_source.h"
#include "storage/project.h"
#include "tests/bench/bench_size.h"

using namespace loupe;
using Clock = std::chrono::steady_clock;

namespace {

const int kItems = bench::size(100000, 300);
constexpr int kClasses = 5;

std::vector<Id> addItems(storage::Project& p) {
  std::vector<Id> ids;
  ids.reserve(kItems);
  for (int i = 0; i < kItems; ++i) {
    storage::NewItem item;
    item.name = "item" + std::to_string(i);
    item.width = item.height = 256;
    item.attributes["light"] = i % 3 == 0 ? "dim" : "bright";
    ids.push_back(p.items().add(item));
  }
  return ids;
}

// 10 labelers; each gives the true class with probability 0.8, else a uniformly random class.
void makeLabels(const std::string& path) {
  auto p = storage::Project::create(path);
  storage::Project::Transaction tx(p);
  std::vector<ClassDef> classes;
  for (int c = 1; c <= kClasses; ++c) classes.push_back(p.classes().add(std::to_string(c)));
  std::vector<Labeler> labelers;
  for (int l = 0; l < 10; ++l) labelers.push_back(p.labelers().add("labeler" + std::to_string(l), LabelerKind::Human));
  const auto items = addItems(p);
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> cls(0, kClasses - 1);
  std::bernoulli_distribution right(0.8);
  std::vector<std::vector<Annotation>> perLabeler(labelers.size());
  for (Id item : items) {
    const int truth = cls(rng);
    for (std::size_t l = 0; l < labelers.size(); ++l) {
      Annotation a;
      a.itemId = item;
      a.classId = classes[static_cast<std::size_t>(right(rng) ? truth : cls(rng))].id;
      perLabeler[l].push_back(a);
    }
  }
  // One bulk write per labeler, as an import does (one change-log entry, not a million).
  for (std::size_t l = 0; l < labelers.size(); ++l) p.annotations().replace(labelers[l].id, perLabeler[l]);
  tx.commit();
}

// 3 labelers × 10 boxes per item: a 5×2 grid of 40×40 boxes, each labeler jittering corners by
// up to ±4 px, switching class with probability 0.05 and skipping a box with probability 0.05
// (so about 2.85 million boxes).
void makeBoxes(const std::string& path) {
  auto p = storage::Project::create(path);
  storage::Project::Transaction tx(p);
  std::vector<ClassDef> classes;
  for (int c = 1; c <= kClasses; ++c) classes.push_back(p.classes().add("class" + std::to_string(c)));
  std::vector<Labeler> labelers;
  for (int l = 0; l < 3; ++l) labelers.push_back(p.labelers().add("labeler" + std::to_string(l), LabelerKind::Human));
  const auto items = addItems(p);
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> cls(0, kClasses - 1);
  std::uniform_real_distribution<double> jitter(-4, 4);
  std::bernoulli_distribution swap(0.05), skip(0.05);
  std::vector<std::vector<Annotation>> perLabeler(labelers.size());
  for (Id item : items)
    for (int b = 0; b < 10; ++b) {
      const int truth = cls(rng);
      const double x = 10 + (b % 5) * 48, y = 10 + (b / 5) * 48;
      for (std::size_t l = 0; l < labelers.size(); ++l) {
        if (skip(rng)) continue;
        Annotation a;
        a.itemId = item;
        a.kind = AnnotationKind::Box;
        a.classId = classes[static_cast<std::size_t>(swap(rng) ? cls(rng) : truth)].id;
        a.box = {x + jitter(rng), y + jitter(rng), 40 + jitter(rng), 40 + jitter(rng)};
        perLabeler[l].push_back(a);
      }
    }
  for (std::size_t l = 0; l < labelers.size(); ++l) p.annotations().replace(labelers[l].id, perLabeler[l]);
  tx.commit();
}

// Wall and process CPU time since construction: the machine is shared, so wall time alone
// overstates our cost.
struct Stopwatch {
  Clock::time_point wall0 = Clock::now();
  std::clock_t cpu0 = std::clock();
  double wall() const { return std::chrono::duration<double>(Clock::now() - wall0).count(); }
  double cpu() const { return double(std::clock() - cpu0) / CLOCKS_PER_SEC; }
};

// Opening the project and reading it is part of the timed work ("from the project file").
agreement::AgreementData load(const std::string& path) {
  auto project = storage::Project::open(path);
  return storage::loadAgreementData(project, {});
}

nlohmann::json value(const agreement::Coefficient& c) { return c.value ? nlohmann::json(*c.value) : nlohmann::json(); }

void timeLabels(const std::string& path) {
  const Stopwatch watch;
  const auto data = load(path);
  const double loaded = watch.wall();
  nlohmann::json alpha;
  agreement::AgreementReport nominal;
  for (auto level : {agreement::Level::Nominal, agreement::Level::Ordinal, agreement::Level::Interval,
                     agreement::Level::Ratio}) {
    // The pair metrics do not depend on the level; the full report per level is what the CLI
    // would compute, so all four runs are timed.
    auto r = agreement::computeAgreement(data, {level, 0.5});
    alpha[std::string(agreement::toString(level))] = value(r.krippendorffAlpha);
    if (level == agreement::Level::Nominal) nominal = std::move(r);
  }
  const double total = watch.wall(), cpu = watch.cpu();
  std::size_t labels = 0;
  for (int v : data.labels.values) labels += v != agreement::kMissing;
  nlohmann::json out{{"labels", labels},
                     {"cpu_s", cpu},
                     {"load_s", loaded},
                     {"total_s", total},
                     {"percent_agreement", value(nominal.percentAgreement)},
                     {"fleiss_kappa", value(nominal.fleissKappa)},
                     {"krippendorff_alpha", alpha},
                     {"pair0_kappa", value(nominal.pairs[0].cohenKappa)},
                     {"pair0_kappa_linear", value(nominal.pairs[0].cohenKappaLinear)},
                     {"pair0_kappa_quadratic", value(nominal.pairs[0].cohenKappaQuadratic)},
                     {"pairs", nominal.pairs.size()}};
  std::cout << out.dump() << "\n";
}

void timeBoxes(const std::string& path) {
  const Stopwatch watch;
  const auto data = load(path);
  const double loaded = watch.wall();
  const auto r = agreement::computeAgreement(data, {agreement::Level::Nominal, 0.5});
  const double total = watch.wall(), cpu = watch.cpu();
  const auto& b = r.boxPairs[0].agreement;
  nlohmann::json out{{"boxes", data.boxes.boxes.size()}, {"load_s", loaded}, {"total_s", total}, {"cpu_s", cpu},
                     {"pair0_f1", value(b.f1)},          {"pair0_matched", b.counts.matched},
                     {"pair0_class_mismatch", b.counts.classMismatch}, {"pair0_mean_iou", value(b.meanIou)}};
  std::cout << out.dump() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_agreement make-labels|make-boxes|labels|boxes PROJECT\n";
    return 2;
  }
  const std::string verb = argv[1], path = argv[2];
  try {
    if (verb == "make-labels") makeLabels(path);
    else if (verb == "make-boxes") makeBoxes(path);
    else if (verb == "labels") timeLabels(path);
    else if (verb == "boxes") timeBoxes(path);
    else throw std::invalid_argument("unknown verb " + verb);
  } catch (const std::exception& e) {
    std::cerr << "bench_agreement: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
