// `loupe consensus` on the classification demo and on small projects built with the storage API.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/project.h"
#include "tests/support/cli_json.h"

using namespace loupe;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

test::CliRun loupeCli(const QStringList& args) { return test::runLoupeFinished(args); }
json runJson(const QStringList& args) { return test::runLoupeJson(args); }

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

std::set<std::string> keys(const json& j) {
  std::set<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
  return out;
}

// item -> class of every image label by `labeler` (the demo gives each item at most one).
std::map<Id, Id> labelsOf(const storage::Project& p, const std::string& labeler) {
  std::map<Id, Id> out;
  p.reads().forEachImageLabel([&](const storage::ImageLabelRow& r) { out[r.itemId] = r.classId; },
                              p.labelers().byName(labeler)->id);
  return out;
}

double accuracyAgainst(const std::map<Id, Id>& labels, const std::map<Id, Id>& truth) {
  int right = 0;
  for (const auto& [item, cls] : labels) right += truth.at(item) == cls;
  return static_cast<double>(right) / static_cast<double>(labels.size());
}

void label(storage::Project& p, Id item, const std::string& labeler, const std::string& cls) {
  Annotation a;
  a.itemId = item;
  a.labelerId = p.labelers().byName(labeler)->id;
  a.classId = p.classes().byName(cls)->id;
  p.annotations().add(a);
}

// Three humans and the review panel's hand-edited consensus on three items of classes a, b:
//   i0: ann a, ben a, cat b  -> a        i1: ann b, ben b, cat b -> b        i2: ann a, ben b -> tie, a
fs::path smallProject(const fs::path& path) {
  auto p = storage::Project::create(path);
  for (const char* who : {"ann", "ben", "cat"}) p.labelers().add(who, LabelerKind::Human);
  p.labelers().add("consensus", LabelerKind::Consensus);
  p.classes().add("a");
  p.classes().add("b");
  std::vector<Id> items;
  for (const char* name : {"i0", "i1", "i2"}) items.push_back(p.items().add({.name = name, .width = 8, .height = 8}));
  label(p, items[0], "ann", "a");
  label(p, items[0], "ben", "a");
  label(p, items[0], "cat", "b");
  for (const char* who : {"ann", "ben", "cat"}) label(p, items[1], who, "b");
  label(p, items[2], "ann", "a");
  label(p, items[2], "ben", "b");
  label(p, items[2], "consensus", "b");
  return path;
}

}  // namespace

class TestConsensusCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  fs::path demo_;

  fs::path path(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

 private slots:
  void initTestCase() {
    demo_ = path("demo.loupe");
    QCOMPARE(loupeCli({"demo", q(demo_), "--kind", "classification"}).exitCode, 0);
  }

  // The demo's people err at base rates alice 4%, bob 7%, chen 11% (scaled per class): the model's
  // accuracies, estimated without the reference, must match each one's accuracy against it.
  void dawidSkeneRecoversTheDemoLabelers() {
    const json j = runJson({"consensus", q(demo_), "--json"});
    QCOMPARE(keys(j), (std::set<std::string>{"method", "labeler", "items", "labelers", "classes", "prior", "iterations",
                                             "converged", "log_likelihood"}));
    QCOMPARE(j["method"], "dawid-skene");
    QCOMPARE(j["labeler"], "consensus-dawid-skene");
    QVERIFY(j["converged"].get<bool>());
    QCOMPARE(j["classes"].size(), std::size_t(10));

    auto project = storage::Project::open(demo_, storage::OpenMode::ReadOnly);
    const auto truth = labelsOf(project, "reference");
    std::set<Id> labelled;
    std::map<std::string, double> estimated;
    for (const auto& l : j["labelers"]) {
      const std::string name = l["name"];
      for (const auto& [item, cls] : labelsOf(project, name)) labelled.insert(item);
      const double actual = accuracyAgainst(labelsOf(project, name), truth);
      estimated[name] = l["accuracy"].get<double>();
      QVERIFY2(std::abs(estimated[name] - actual) <= 0.02,
               qPrintable(QString("%1: estimated %2, against the reference %3").arg(name.c_str()).arg(estimated[name]).arg(actual)));
      QCOMPARE(l["confusion"].size(), std::size_t(10));
      for (const auto& row : l["confusion"]) {
        double sum = 0;
        for (const auto& v : row) sum += v.get<double>();
        QVERIFY(std::abs(sum - 1) < 1e-9);
      }
    }
    QCOMPARE(estimated.size(), std::size_t(3));  // the humans; not the reference
    QVERIFY(estimated["chen"] < estimated["bob"] && estimated["bob"] < estimated["alice"]);
    QCOMPARE(j["items"].get<std::size_t>(), labelled.size());

    // Written: one scored image label per labelled item, by a labeler of kind consensus.
    const auto consensus = project.labelers().byName("consensus-dawid-skene");
    QVERIFY(consensus && consensus->kind == LabelerKind::Consensus);
    std::size_t rows = 0;
    project.reads().forEachImageLabel(
        [&](const storage::ImageLabelRow& r) {
          ++rows;
          QVERIFY(labelled.count(r.itemId));
          QVERIFY(r.score && *r.score > 0 && *r.score <= 1);
        },
        consensus->id);
    QCOMPARE(rows, labelled.size());

    // Weighting the careful labeler more finds the reference's class more often than the vote.
    const json mv = runJson({"consensus", q(demo_), "--method", "majority", "--json"});
    QCOMPARE(mv["labeler"], "consensus-majority");
    QVERIFY(mv["log_likelihood"].is_null());
    auto reread = storage::Project::open(demo_, storage::OpenMode::ReadOnly);
    const double ds = accuracyAgainst(labelsOf(reread, "consensus-dawid-skene"), truth);
    const double vote = accuracyAgainst(labelsOf(reread, "consensus-majority"), truth);
    QVERIFY2(ds > vote, qPrintable(QString("Dawid-Skene %1, majority %2").arg(ds).arg(vote)));
  }

  // A second run replaces the consensus labeler's labels instead of adding to them.
  void rerunReplaces() {
    const json first = runJson({"consensus", q(demo_), "--labelers", "alice,bob", "--name", "pair", "--json"});
    const json second = runJson({"consensus", q(demo_), "--labelers", "alice,bob", "--name", "pair", "--json"});
    QCOMPARE(first["items"], second["items"]);
    auto project = storage::Project::open(demo_, storage::OpenMode::ReadOnly);
    std::size_t rows = 0;
    project.reads().forEachImageLabel([&](const storage::ImageLabelRow&) { ++rows; }, project.labelers().byName("pair")->id);
    QCOMPARE(rows, second["items"].get<std::size_t>());
  }

  void majorityVoteOnASmallProject() {
    const auto file = smallProject(path("small.loupe"));
    const json j = runJson({"consensus", q(file), "--method", "majority", "--json"});
    QCOMPARE(j["items"], 3);
    QCOMPARE(j["iterations"], 0);
    QCOMPARE(j["prior"], json::parse("[0.6666666666666666, 0.3333333333333333]"));
    // ann agrees 3 of 3, ben 2 of 3 (the tie went to a), cat 2 of 3.
    QCOMPARE(j["labelers"][0]["accuracy"], 1.0);
    QVERIFY(std::abs(j["labelers"][1]["accuracy"].get<double>() - 2.0 / 3) < 1e-12);
    auto project = storage::Project::open(file, storage::OpenMode::ReadOnly);
    const Id a = project.classes().byName("a")->id, b = project.classes().byName("b")->id;
    const auto items = project.items().ids({});
    const auto written = labelsOf(project, "consensus-majority");
    QCOMPARE(written, (std::map<Id, Id>{{items[0], a}, {items[1], b}, {items[2], a}}));
    // The review panel's hand-made consensus is untouched.
    QCOMPARE(labelsOf(project, "consensus"), (std::map<Id, Id>{{items[2], b}}));

    const auto text = loupeCli({"consensus", q(file), "--method", "majority"});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(QString::fromStdString(text.out).contains("wrote 3 image labels to 'consensus-majority'"), text.out.c_str());
    QVERIFY2(QString::fromStdString(text.out).contains("ann\t1.000"), text.out.c_str());
  }

  // Refusals are one line, exit 1 (2 for a usage error), and write nothing.
  void refusals() {
    const auto file = smallProject(path("refusals.loupe"));
    const auto fails = [&](const QStringList& args, const char* message, int exitCode = 1) {
      const auto r = loupeCli(QStringList{"consensus", q(file)} + args);
      QCOMPARE(r.exitCode, exitCode);
      QVERIFY2(QString::fromStdString(r.err).contains(message), r.err.c_str());
    };
    fails({"--name", "ann"}, "labeler 'ann' exists and is of kind human, not consensus; choose another --name");
    fails({"--labelers", "ann,nobody"}, "unknown labeler 'nobody' (the project has: ann, ben, cat, consensus)");
    fails({"--labelers", "ann"}, "consensus needs at least two labelers (given: ann)");
    fails({"--labelers", "ann,ben,consensus", "--name", "consensus"}, "labeler 'consensus' is one of the labelers combined");
    fails({"--method", "vote"}, "--method", 2);
    auto project = storage::Project::open(file, storage::OpenMode::ReadOnly);
    QCOMPARE(project.labelers().all().size(), std::size_t(4));

    // Boxes only: nothing to combine.
    const auto boxes = path("boxes.loupe");
    QCOMPARE(loupeCli({"demo", q(boxes), "--scenes", "4"}).exitCode, 0);
    const auto r = loupeCli({"consensus", q(boxes)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromStdString(r.err).contains("no image labels by alice, bob, chen to combine"), r.err.c_str());
  }

  // --name consensus writes the review panel's labeler, when asked for by name.
  void theReviewConsensusWhenNamed() {
    const auto file = smallProject(path("named.loupe"));
    runJson({"consensus", q(file), "--name", "consensus", "--json"});
    auto project = storage::Project::open(file, storage::OpenMode::ReadOnly);
    QCOMPARE(labelsOf(project, "consensus").size(), std::size_t(3));
    QVERIFY(!project.labelers().byName("consensus-dawid-skene"));
  }
};

QTEST_GUILESS_MAIN(TestConsensusCli)
#include "test_consensus_cli.moc"
