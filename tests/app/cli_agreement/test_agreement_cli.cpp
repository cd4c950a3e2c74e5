// `loupe agreement` and `loupe hlp` on real project files. The expected numbers are published
// worked examples (cited) or hand-computed in comments.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/project.h"
#include "tests/support/cli_json.h"

using namespace loupe;
using nlohmann::json;

namespace {

test::CliRun loupeCli(const QStringList& args) { return test::runLoupeFinished(args); }
json runJson(const QStringList& args) { return test::runLoupeJson(args); }

std::set<std::string> keys(const json& j) {
  std::set<std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
  return out;
}

void near(const json& v, double expected, double tolerance, const char* what) {
  if (!v.is_number()) QFAIL(qPrintable(QString("%1 is %2").arg(what, QString::fromStdString(v.dump()))));
  const double x = v.get<double>();
  if (std::abs(x - expected) > tolerance)
    QFAIL(qPrintable(QString("%1 = %2, expected %3").arg(what).arg(x, 0, 'g', 15).arg(expected, 0, 'g', 15)));
}

Id item(storage::Project& p, const std::string& name, const std::map<std::string, std::string>& attributes = {}) {
  storage::NewItem it;
  it.name = name;
  it.width = it.height = 64;
  it.attributes = attributes;
  return p.items().add(it);
}

void label(storage::Project& p, Id itemId, const Labeler& l, const ClassDef& c) {
  Annotation a;
  a.itemId = itemId;
  a.labelerId = l.id;
  a.classId = c.id;
  p.annotations().add(a);
}

void box(storage::Project& p, Id itemId, const Labeler& l, const ClassDef& c, Box b) {
  Annotation a;
  a.itemId = itemId;
  a.labelerId = l.id;
  a.classId = c.id;
  a.kind = AnnotationKind::Box;
  a.box = b;
  p.annotations().add(a);
}

}  // namespace

class TestAgreementCli : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;

  QString path(const char* name) const { return dir_.filePath(name); }

  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
  // 12 units, values 1..5 with missing values. Classes are created out of numeric order, so the
  // ordinal result also checks that classes named by numbers sort by value.
  QString krippendorffProject() {
    const QString file = path("krippendorff.loupe");
    if (QFile::exists(file)) return file;
    auto p = storage::Project::create(file.toStdString());
    std::map<int, ClassDef> cls;
    for (int v : {5, 3, 1, 4, 2}) cls[v] = p.classes().add(std::to_string(v));
    std::vector<Labeler> obs;
    for (const char* n : {"A", "B", "C", "D"}) obs.push_back(p.labelers().add(n, LabelerKind::Human));
    const int data[12][4] = {{1, 1, 0, 1}, {2, 2, 3, 2}, {3, 3, 3, 3}, {3, 3, 3, 3}, {2, 2, 2, 2}, {1, 2, 3, 4},
                             {4, 4, 4, 4}, {1, 1, 2, 1}, {2, 2, 2, 2}, {0, 5, 5, 5}, {0, 0, 1, 1}, {0, 3, 0, 0}};
    for (int u = 0; u < 12; ++u) {
      const Id it = item(p, "unit" + std::to_string(u + 1), {{"half", u < 6 ? "first" : "second"}});
      for (int o = 0; o < 4; ++o)
        if (data[u][o] != 0) label(p, it, obs[static_cast<std::size_t>(o)], cls[data[u][o]]);
    }
    return file;
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void krippendorffPublishedValuesAtEveryLevel() {
    const auto file = krippendorffProject();
    const std::pair<const char*, double> expected[] = {
        {"nominal", 0.743}, {"ordinal", 0.815}, {"interval", 0.849}, {"ratio", 0.797}};
    for (const auto& [level, alpha] : expected) {
      const auto j = runJson({"agreement", file, "--level", level, "--json", "--no-snapshot"});
      QCOMPARE(j["level"].get<std::string>(), std::string(level));
      near(j["krippendorff_alpha"], alpha, 5e-4, level);
    }
  }

  void textOutputWithoutJson() {
    const auto r = loupeCli({"agreement", krippendorffProject(), "--no-snapshot"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.find("Krippendorff alpha 0.743") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("A/B\t9\t0.889") != std::string::npos, r.out.c_str());
    // A bad threshold is an error even when the project has no boxes to use it on.
    const auto zero = loupeCli({"agreement", krippendorffProject(), "--iou", "0", "--no-snapshot"});
    QCOMPARE(zero.exitCode, 1);
    QVERIFY2(zero.err.find("IoU threshold must be in (0, 1]") != std::string::npos, zero.err.c_str());
  }

  void jsonHasExactlyTheDocumentedKeys() {
    const auto j = runJson({"agreement", krippendorffProject(), "--json", "--no-snapshot"});
    QCOMPARE(keys(j), (std::set<std::string>{"items", "labelers", "level", "percent_agreement", "fleiss_kappa",
                                             "krippendorff_alpha", "pairs", "boxes", "notes"}));
    QCOMPARE(j["items"].get<int>(), 12);
    QCOMPARE(j["labelers"], json({"A", "B", "C", "D"}));
    QCOMPARE(j["pairs"].size(), std::size_t(6));
    QCOMPARE(keys(j["pairs"][0]), (std::set<std::string>{"a", "b", "n", "percent_agreement", "cohen_kappa",
                                                         "cohen_kappa_linear", "cohen_kappa_quadratic", "scott_pi"}));
    QCOMPARE(keys(j["boxes"]), (std::set<std::string>{"iou_threshold", "pairs"}));
    QVERIFY(j["boxes"]["pairs"].empty());
    // A and B both rated units 1-9 (9 items) and agree on all but unit 6: 8/9.
    QCOMPARE(j["pairs"][0]["a"].get<std::string>(), std::string("A"));
    QCOMPARE(j["pairs"][0]["n"].get<int>(), 9);
    near(j["pairs"][0]["percent_agreement"], 8.0 / 9, 1e-12, "A/B agreement");
  }

  // Weighted kappa: scikit-learn 1.2 cohen_kappa_score on
  //   y1 = [0,1,2,0,1,2,0,1,2,2,1,0,2,1,3,3,2], y2 = [0,2,2,1,1,2,0,0,2,1,1,0,2,2,3,2,3]
  // gives 0.4251207729468599, linear 0.6148867313915858, quadratic 0.781651376146789. Classes are
  // named "1", "2", "3", "10" for indices 0..3 and created in the order 10, 3, 2, 1: numeric
  // sorting must restore the index order (creation order would give other weighted values).
  void weightedKappaMatchesScikitLearnThroughTheProject() {
    const QString file = path("weighted.loupe");
    {
      auto p = storage::Project::create(file.toStdString());
      std::map<int, ClassDef> cls;
      cls[3] = p.classes().add("10");
      cls[2] = p.classes().add("3");
      cls[1] = p.classes().add("2");
      cls[0] = p.classes().add("1");
      const auto a = p.labelers().add("alice", LabelerKind::Human), b = p.labelers().add("bob", LabelerKind::Human);
      p.labelers().add("model", LabelerKind::Model);
      const int y1[] = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0, 2, 1, 3, 3, 2};
      const int y2[] = {0, 2, 2, 1, 1, 2, 0, 0, 2, 1, 1, 0, 2, 2, 3, 2, 3};
      for (int i = 0; i < 17; ++i) {
        const Id it = item(p, "i" + std::to_string(i));
        label(p, it, a, cls[y1[i]]);
        label(p, it, b, cls[y2[i]]);
      }
    }
    const auto j = runJson({"agreement", file, "--json", "--no-snapshot"});
    QCOMPARE(j["labelers"], json({"alice", "bob"}));  // the model is not a labeler to agree with
    const auto& pair = j["pairs"][0];
    near(pair["cohen_kappa"], 0.4251207729468599, 1e-12, "kappa");
    near(pair["cohen_kappa_linear"], 0.6148867313915858, 1e-12, "linear");
    near(pair["cohen_kappa_quadratic"], 0.781651376146789, 1e-12, "quadratic");
    const auto named = runJson({"agreement", file, "--labelers", "bob,alice", "--json", "--no-snapshot"});
    QCOMPARE(named["pairs"][0]["a"].get<std::string>(), std::string("bob"));
  }

  void oneLabelerIsAClearError() {
    const auto r = loupeCli({"agreement", krippendorffProject(), "--labelers", "A", "--json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.empty());
    QVERIFY2(r.err.rfind("loupe: agreement needs at least two labelers", 0) == 0, r.err.c_str());
    QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
    const auto unknown = loupeCli({"agreement", krippendorffProject(), "--labelers", "A,Zoe"});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.find("unknown labeler 'Zoe'") != std::string::npos, unknown.err.c_str());
    const auto level = loupeCli({"agreement", krippendorffProject(), "--level", "cardinal"});
    QCOMPARE(level.exitCode, 1);
    QVERIFY2(level.err.find("--level") != std::string::npos, level.err.c_str());
  }

  void singleClassGivesNullsWithNotes() {
    const QString file = path("single.loupe");
    {
      auto p = storage::Project::create(file.toStdString());
      const auto c = p.classes().add("scratch");
      p.classes().add("dent");
      const auto a = p.labelers().add("a", LabelerKind::Human), b = p.labelers().add("b", LabelerKind::Human);
      for (int i = 0; i < 3; ++i) {
        const Id it = item(p, "i" + std::to_string(i));
        label(p, it, a, c);
        label(p, it, b, c);
      }
    }
    const auto j = runJson({"agreement", file, "--json", "--no-snapshot"});
    near(j["percent_agreement"], 1.0, 0, "percent agreement");
    QVERIFY(j["fleiss_kappa"].is_null());
    QVERIFY(j["krippendorff_alpha"].is_null());
    QVERIFY(j["pairs"][0]["cohen_kappa"].is_null());
    QVERIFY(j["pairs"][0]["scott_pi"].is_null());
    QVERIFY(j["notes"].size() >= 3);
    // Interval level on non-numeric class names: null with a note naming the class.
    const auto interval = runJson({"agreement", file, "--level", "interval", "--json", "--no-snapshot"});
    QVERIFY(interval["krippendorff_alpha"].is_null());
    QVERIFY(interval["notes"].dump().find("'scratch'") != std::string::npos);
  }

  // Every run is an agreement snapshot holding the printed JSON; --slice and --class name the scope.
  void computationsAreStoredAsSnapshots() {
    const QString file = path("snapshots.loupe");
    QVERIFY(QFile::copy(krippendorffProject(), file));
    const auto all = runJson({"agreement", file, "--json"});
    const auto half = runJson({"agreement", file, "--slice", "half=first", "--class", "3", "--json"});
    auto p = storage::Project::open(file.toStdString());
    const auto snaps = p.agreementHistory().all();
    QCOMPARE(snaps.size(), std::size_t(2));
    QCOMPARE(snaps[0].scope, std::string("all"));
    QCOMPARE(json::parse(snaps[0].metricsJson), all);
    QCOMPARE(snaps[1].scope, std::string("half=first;class:3"));
    QCOMPARE(json::parse(snaps[1].metricsJson), half);
    // Slice "first" = units 1-6, class "3" against the rest: A and B both say "3" on units 3
    // and 4 and something else on units 1, 2, 5 and 6, so they agree on all 6.
    QCOMPARE(half["items"].get<int>(), 6);
    near(half["pairs"][0]["percent_agreement"], 1.0, 0, "A/B on class 3");
    QVERIFY(runJson({"agreement", file, "--json", "--no-snapshot"}) == all);
    QCOMPARE(p.agreementHistory().all().size(), std::size_t(2));
  }

  // Boxes, hand-computed: item 1: a has dog (0,0,10,10) and cat (20,0,10,10); b has dog
  // (1,1,10,10) [IoU 81/119] and dog (20,0,10,10) [other class, IoU 1]. Item 2: only b draws.
  // matched 1, class_mismatch 1, missing 0, extra 1; precision 1/3, recall 1/2, F1 2/5.
  void boxAgreement() {
    const QString file = path("boxes.loupe");
    {
      auto p = storage::Project::create(file.toStdString());
      const auto dog = p.classes().add("dog"), cat = p.classes().add("cat");
      const auto a = p.labelers().add("a", LabelerKind::Human), b = p.labelers().add("b", LabelerKind::Human);
      const Id i1 = item(p, "one"), i2 = item(p, "two");
      box(p, i1, a, dog, {0, 0, 10, 10});
      box(p, i1, a, cat, {20, 0, 10, 10});
      box(p, i1, b, dog, {1, 1, 10, 10});
      box(p, i1, b, dog, {20, 0, 10, 10});
      box(p, i2, b, cat, {5, 5, 20, 20});
    }
    const auto j = runJson({"agreement", file, "--json", "--no-snapshot"});
    QVERIFY(j["pairs"].empty());
    QVERIFY(j["percent_agreement"].is_null());
    const auto& bp = j["boxes"]["pairs"][0];
    QCOMPARE(keys(bp), (std::set<std::string>{"a", "b", "precision", "recall", "f1", "mean_iou", "matched", "missing",
                                              "extra", "class_mismatch"}));
    near(j["boxes"]["iou_threshold"], 0.5, 0, "threshold");
    QCOMPARE(bp["matched"].get<int>(), 1);
    QCOMPARE(bp["class_mismatch"].get<int>(), 1);
    QCOMPARE(bp["missing"].get<int>(), 0);
    QCOMPARE(bp["extra"].get<int>(), 1);
    near(bp["precision"], 1.0 / 3, 1e-12, "precision");
    near(bp["recall"], 0.5, 1e-12, "recall");
    near(bp["f1"], 0.4, 1e-12, "f1");
    near(bp["mean_iou"], 81.0 / 119, 1e-12, "mean IoU");
    const auto zero = loupeCli({"agreement", file, "--iou", "0", "--no-snapshot"});
    QCOMPARE(zero.exitCode, 1);
    QVERIFY2(zero.err.find("IoU threshold must be in (0, 1]") != std::string::npos, zero.err.c_str());
    // At IoU 0.9 the shifted dog box no longer matches: it and a's dog become missing/extra.
    const auto strict = runJson({"agreement", file, "--iou", "0.9", "--json", "--no-snapshot"});
    QCOMPARE(strict["boxes"]["pairs"][0]["matched"].get<int>(), 0);
    QVERIFY(strict["boxes"]["pairs"][0]["mean_iou"].is_null());
  }

  // HLP fixture: items 1-4 light=day, 5-6 light=night.
  //   ref:   dog dog cat cat | dog cat
  //   alice: dog dog cat dog | dog cat   (vs ref: day 3/4, night 2/2)
  //   bob:   dog cat dog cat | cat cat   (vs ref: day 2/4, night 1/2)
  // With the reference: day (0.75 + 0.5)/2 = 0.625, night (1 + 0.5)/2 = 0.75.
  // Between humans: alice/bob agree on day 1/4, night 1/2.
  void hlpPerSlice() {
    const QString file = path("hlp.loupe");
    {
      auto p = storage::Project::create(file.toStdString());
      const auto dog = p.classes().add("dog"), cat = p.classes().add("cat");
      const auto alice = p.labelers().add("alice", LabelerKind::Human), bob = p.labelers().add("bob", LabelerKind::Human);
      const auto ref = p.labelers().add("ref", LabelerKind::Reference);
      const ClassDef r[] = {dog, dog, cat, cat, dog, cat}, a[] = {dog, dog, cat, dog, dog, cat},
                     b[] = {dog, cat, dog, cat, cat, cat};
      for (int i = 0; i < 6; ++i) {
        const Id it = item(p, "i" + std::to_string(i), {{"light", i < 4 ? "day" : "night"}});
        label(p, it, ref, r[i]);
        label(p, it, alice, a[i]);
        label(p, it, bob, b[i]);
      }
      item(p, "unlabeled");
    }
    const auto j = runJson({"hlp", file, "--by", "light", "--json"});
    QCOMPARE(keys(j), (std::set<std::string>{"slices", "notes"}));
    QCOMPARE(j["slices"].size(), std::size_t(3));
    QCOMPARE(keys(j["slices"][0]), (std::set<std::string>{"slice", "items", "hlp"}));
    QCOMPARE(j["slices"][0]["slice"].get<std::string>(), std::string("(none)"));
    QVERIFY(j["slices"][0]["hlp"].is_null());
    QCOMPARE(j["slices"][1]["slice"].get<std::string>(), std::string("day"));
    QCOMPARE(j["slices"][1]["items"].get<int>(), 4);
    near(j["slices"][1]["hlp"], 0.625, 1e-12, "day");
    near(j["slices"][2]["hlp"], 0.75, 1e-12, "night");

    const auto all = runJson({"hlp", file, "--json"});
    QCOMPARE(all["slices"].size(), std::size_t(1));
    QCOMPARE(all["slices"][0]["slice"].get<std::string>(), std::string("all"));
    QCOMPARE(all["slices"][0]["items"].get<int>(), 6);
    near(all["slices"][0]["hlp"], (5.0 / 6 + 3.0 / 6) / 2, 1e-12, "all");

    // Naming alice as the reference scores bob against her; the "ref" labeler is left out.
    const auto byAlice = runJson({"hlp", file, "--reference", "alice", "--by", "light", "--json"});
    near(byAlice["slices"][1]["hlp"], 0.25, 1e-12, "day vs alice");
    near(byAlice["slices"][2]["hlp"], 0.5, 1e-12, "night vs alice");

    const auto bad = loupeCli({"hlp", file, "--reference", "zoe"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.find("zoe") != std::string::npos, bad.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestAgreementCli)
#include "test_agreement_cli.moc"
