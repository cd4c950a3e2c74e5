#include <set>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>
#include "storage/project.h"
#include "tests/support/cli_run.h"
#include "tests/support/scene_image.h"
#include "tests/support/slice_project.h"

using namespace loupe;
using nlohmann::json;

namespace {

using Run = loupe::test::CliRun;

Run loupeCli(const QStringList& args) { return loupe::test::runLoupe(args); }

json jsonOf(const Run& r) {
  try {
    return json::parse(r.out);
  } catch (const std::exception&) {
    qWarning("stdout: %s\nstderr: %s", r.out.c_str(), r.err.c_str());
    throw;
  }
}

std::vector<std::uint8_t> png(int variant, double brighten = 0, bool jpeg = false) {
  return loupe::test::encodeImage(loupe::test::sceneImage(variant, brighten), jpeg ? ".jpg" : ".png");
}

Id addImage(storage::Project& p, const std::string& name, Split split, const std::string& group,
            std::vector<std::uint8_t> bytes, const std::string& format = "png") {
  storage::NewItem it;
  it.name = name;
  it.split = split;
  it.groupKey = group;
  it.width = it.height = 96;
  it.media = storage::NewMedia{std::move(bytes), {}, format, {}};
  return p.items().add(it);
}

}  // namespace

class TestCliAnalysis : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString project_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    project_ = dir_.filePath("cls.loupe");
    test::buildSliceProject(project_.toStdString());
  }

  void slicesBySplit() {
    const auto r = loupeCli({"slices", project_, "--model", "net", "--reference", "ref", "--by", "split", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto j = jsonOf(r);
    QCOMPARE(j["slices"].size(), std::size_t{2});
    const auto& top = j["slices"][0];  // test: gap 1.0 − 0.6 = 0.4, priority 0.2
    QCOMPARE(top["slice"].get<std::string>(), std::string("split=test"));
    QCOMPARE(top["items"].get<int>(), 5);
    QCOMPARE(top["share"].get<double>(), 0.5);
    QCOMPARE(top["no_prediction"].get<int>(), 0);
    QCOMPARE(top["accuracy"].get<double>(), 0.6);
    QCOMPARE(top["hlp"].get<double>(), 1.0);
    QVERIFY(qAbs(top["gap"].get<double>() - 0.4) < 1e-12);
    QVERIFY(qAbs(top["priority"].get<double>() - 0.2) < 1e-12);
    const auto& train = j["slices"][1];  // model 1.0, human 0.8: gap −0.2
    QVERIFY(qAbs(train["gap"].get<double>() + 0.2) < 1e-12);
    for (const char* key : {"slice", "items", "share", "no_prediction", "accuracy", "hlp", "gap", "priority"}) QVERIFY(top.contains(key));
  }

  void slicesDefaultCoversEveryKeyAndSavedSlices() {
    auto r = loupeCli({"slices", project_, "--model", "net", "--reference", "ref", "--save", "rainy test", "--where",
                       "weather=rain", "--where", "split=test", "--json"});
    QCOMPARE(r.exitCode, 0);
    std::set<std::string> names;
    const auto j = jsonOf(r);
    for (const auto& s : j["slices"]) names.insert(s["slice"].get<std::string>());
    for (const char* n : {"split=train", "split=test", "source=import:csv", "class=cat", "class=dog", "labeler=ann",
                          "weather=rain", "rainy test"})
      QVERIFY2(names.count(n), n);
  }

  void confusionOnASlice() {
    const auto r = loupeCli({"confusion", project_, "--model", "net", "--reference", "ref", "--where", "split=test", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto j = jsonOf(r);
    QCOMPARE(j["classes"], json({"cat", "dog"}));
    // test items: truth 1,0,1,0,1; model 1,0,0,1,1 → cat row [1,1], dog row [1,2].
    QCOMPARE(j["matrix"], json({{1, 1}, {1, 2}}));
    QCOMPARE(j["accuracy"].get<double>(), 0.6);
    QCOMPARE(j["per_class"][1]["precision"].get<double>(), 2.0 / 3.0);
    QCOMPARE(j["per_class"][1]["support"].get<int>(), 3);
    QVERIFY(qAbs(j["macro_f1"].get<double>() - (0.5 + 2.0 / 3.0) / 2) < 1e-12);
    QVERIFY(qAbs(j["weighted_f1"].get<double>() - (2 * 0.5 + 3 * 2.0 / 3.0) / 5) < 1e-12);
    const auto n = jsonOf(loupeCli({"confusion", project_, "--model", "net", "--reference", "ref", "--normalize", "--json"}));
    QCOMPARE(n["matrix"][1][1].get<double>(), 4.0 / 5.0);
  }

  void evalGatePassesAndFails() {
    auto ok = loupeCli({"eval", project_, "--model", "net", "--reference", "ref", "--fail-under",
                        "accuracy=0.8,split=train:accuracy=1"});
    QCOMPARE(ok.exitCode, 0);
    auto bad = loupeCli({"eval", project_, "--model", "net", "--reference", "ref", "--fail-under",
                         "accuracy=0.8,split=test:accuracy=0.7", "--json"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.find("split=test:accuracy=0.7") != std::string::npos, bad.err.c_str());
    QVERIFY(bad.err.find("accuracy=0.8,") == std::string::npos);  // the passing test is not blamed
    const auto j = jsonOf(bad);
    QCOMPARE(j["passed"].get<bool>(), false);
    QCOMPARE(j["tests"][1]["value"].get<double>(), 0.6);
  }

  void badInputIsOneClearLine() {
    auto r = loupeCli({"slices", project_, "--model", "nobody", "--reference", "ref", "--json"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("no labeler named 'nobody'") != std::string::npos, r.err.c_str());
    r = loupeCli({"eval", project_, "--model", "net", "--reference", "ref", "--fail-under", "accuracy=90"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.find("accuracy=90") != std::string::npos, r.err.c_str());
  }

  void errorTagsBecomeSlices() {
    QCOMPARE(loupeCli({"tag", project_, "img9", "blurry"}).exitCode, 0);
    QCOMPARE(loupeCli({"tag", project_, "img8", "blurry"}).exitCode, 0);
    const auto j = jsonOf(loupeCli({"slices", project_, "--model", "net", "--reference", "ref", "--by", "error_tag", "--json"}));
    QCOMPARE(j["slices"].size(), std::size_t{1});
    QCOMPARE(j["slices"][0]["slice"].get<std::string>(), std::string("error_tag=blurry"));
    QCOMPARE(j["slices"][0]["accuracy"].get<double>(), 0.0);
    QCOMPARE(loupeCli({"tag", project_, "nosuch", "x"}).exitCode, 1);
  }

  // The torchmetrics docstring example as a project: map 0.6, map_50 1, map_75 1, map_large 0.6.
  void detectionOnBoxes() {
    const auto path = dir_.filePath("det.loupe").toStdString();
    {
      auto p = storage::Project::create(path);
      const auto cls = p.classes().add("a").id;
      const auto ref = p.labelers().add("gt", LabelerKind::Reference).id;
      const auto net = p.labelers().add("det", LabelerKind::Model).id;
      storage::NewItem it;
      it.name = "one";
      it.width = 640;
      it.height = 480;
      const Id item = p.items().add(it);
      Annotation a;
      a.itemId = item;
      a.kind = AnnotationKind::Box;
      a.classId = cls;
      a.labelerId = ref;
      a.box = {214, 41, 348, 244};
      p.annotations().add(a);
      a.labelerId = net;
      a.box = {258, 41, 348, 244};
      a.score = 0.536;
      p.annotations().add(a);
    }
    const auto r = loupeCli({"detection", QString::fromStdString(path), "--model", "det", "--reference", "gt", "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto j = jsonOf(r);
    QVERIFY(qAbs(j["map"].get<double>() - 0.6) < 1e-9);
    QCOMPARE(j["map_50"].get<double>(), 1.0);
    QCOMPARE(j["map_75"].get<double>(), 1.0);
    QVERIFY(j["map_small"].is_null());
    QVERIFY(j["map_medium"].is_null());
    QVERIFY(qAbs(j["map_large"].get<double>() - 0.6) < 1e-9);
    for (const char* k : {"mar_1", "mar_10", "mar_100"}) QVERIFY(qAbs(j[k].get<double>() - 0.6) < 1e-9);
    QCOMPARE(j["per_class"][0]["class"].get<std::string>(), std::string("a"));
    // The box confusion has a background row and column; slices use F1 at IoU 0.5 (here 1).
    const auto c = jsonOf(loupeCli({"confusion", QString::fromStdString(path), "--model", "det", "--reference", "gt", "--json"}));
    QCOMPARE(c["classes"], json({"a", "background"}));
    QCOMPARE(c["matrix"], json({{1, 0}, {0, 0}}));
    QCOMPARE(c["accuracy"].get<double>(), 1.0);
    // A classification project has no boxes: a clear error.
    const auto e = loupeCli({"detection", project_, "--model", "net", "--reference", "ref", "--json"});
    QCOMPARE(e.exitCode, 1);
    QVERIFY(e.err.find("drew no boxes") != std::string::npos);
  }

  // The centroid metric on a hand-built box project (docs/metrics.md, "Centroid metric"). Item one
  // (train): reference car [0,10]² and person at (50,50) 10x20; the model's car centroids (5,5)
  // score 0.9 and (6,6) score 0.8 both fall in the car box: one hit, one false positive; the person
  // is missed. Item two (test): reference person [0,10]x[0,20]; the model's person centroid (5,10)
  // is a hit, its car at score 0.3 is below the threshold. Overall tp 2, fp 1, fn 1.
  void centroidMetricInDetectionAndSlices() {
    const auto path = dir_.filePath("centroid.loupe").toStdString();
    {
      auto p = storage::Project::create(path);
      const auto car = p.classes().add("car").id, person = p.classes().add("person").id;
      const auto gt = p.labelers().add("gt", LabelerKind::Reference).id;
      const auto det = p.labelers().add("det", LabelerKind::Model).id;
      auto item = [&](const char* name, Split split) {
        storage::NewItem it;
        it.name = name;
        it.width = 100;
        it.height = 100;
        it.split = split;
        return p.items().add(it);
      };
      auto add = [&](Id itemId, Id labeler, Id cls, Box b, std::optional<double> score) {
        Annotation a;
        a.itemId = itemId;
        a.kind = AnnotationKind::Box;
        a.labelerId = labeler;
        a.classId = cls;
        a.box = b;
        a.score = score;
        p.annotations().add(a);
      };
      const Id one = item("one", Split::Train), two = item("two", Split::Test);
      add(one, gt, car, {0, 0, 10, 10}, std::nullopt);
      add(one, gt, person, {50, 50, 10, 20}, std::nullopt);
      add(one, det, car, {2, 2, 6, 6}, 0.9);
      add(one, det, car, {4, 4, 4, 4}, 0.8);
      add(two, gt, person, {0, 0, 10, 20}, std::nullopt);
      add(two, det, person, {3, 8, 4, 4}, 0.7);
      add(two, det, car, {0, 0, 4, 4}, 0.3);
    }
    const QString file = QString::fromStdString(path);
    const auto r = loupeCli({"detection", file, "--model", "det", "--reference", "gt", "--json"});
    QCOMPARE(r.exitCode, 0);
    const json c = jsonOf(r)["centroid"];
    for (const char* k : {"precision", "recall", "f1"}) QVERIFY(qAbs(c[k].get<double>() - 2.0 / 3.0) < 1e-12);
    QCOMPARE(c["tp"].get<int>(), 2);
    QCOMPARE(c["fp"].get<int>(), 1);
    QCOMPARE(c["fn"].get<int>(), 1);
    QCOMPARE(c["per_class"].size(), std::size_t{2});
    const json carRow = c["per_class"][0], personRow = c["per_class"][1];
    QCOMPARE(carRow["class"].get<std::string>(), std::string("car"));
    QCOMPARE(carRow["precision"].get<double>(), 0.5);
    QCOMPARE(carRow["recall"].get<double>(), 1.0);
    QCOMPARE(carRow["support"].get<int>(), 1);
    QCOMPARE(personRow["class"].get<std::string>(), std::string("person"));
    QCOMPARE(personRow["precision"].get<double>(), 1.0);
    QCOMPARE(personRow["recall"].get<double>(), 0.5);
    QCOMPARE(personRow["support"].get<int>(), 2);
    // --where narrows it like the mAP: only item two, one hit.
    const json test = jsonOf(loupeCli({"detection", file, "--model", "det", "--reference", "gt", "--where",
                                       "split=test", "--json"}))["centroid"];
    QCOMPARE(test["f1"].get<double>(), 1.0);
    // Per slice in the slice table: train tp 1 fp 1 fn 1 (all 1/2), test all 1.
    const json slices = jsonOf(loupeCli({"slices", file, "--model", "det", "--reference", "gt", "--by", "split",
                                         "--json"}))["slices"];
    QCOMPARE(slices.size(), std::size_t{2});
    for (const auto& row : slices) {
      const double want = row["slice"] == "split=train" ? 0.5 : 1.0;
      for (const char* k : {"precision", "recall", "f1"}) QCOMPARE(row["centroid"][k].get<double>(), want);
    }
    // Image labels have no centroid key.
    const json cls = jsonOf(loupeCli({"slices", project_, "--model", "net", "--reference", "ref", "--by", "split",
                                      "--json"}))["slices"];
    QVERIFY(!cls[0].contains("centroid"));
  }

  void leakageAndGroupAwareSplit() {
    const auto path = dir_.filePath("leak.loupe").toStdString();
    {
      auto p = storage::Project::create(path);
      addImage(p, "a.png", Split::Train, "subject1", png(0));
      addImage(p, "a-copy.png", Split::Test, "", png(0));                         // exact duplicate
      addImage(p, "a-bright.jpg", Split::Val, "", png(0, 25, true), "jpeg");      // near-duplicate
      addImage(p, "b.png", Split::Test, "subject1", png(3));                      // group leak
      addImage(p, "c.png", Split::Train, "subject2", png(1));                     // clean
      addImage(p, "d.png", Split::Train, "subject3", png(2));
      addImage(p, "e.png", Split::Val, "subject4", png(4));
      addImage(p, "f.png", Split::Test, "subject5", png(5));
    }
    const QString qpath = QString::fromStdString(path);
    auto j = jsonOf(loupeCli({"leakage", qpath, "--json"}));
    QCOMPARE(j["clean"].get<bool>(), false);
    QCOMPARE(j["exact_duplicates"].size(), std::size_t{1});
    QCOMPARE(j["exact_duplicates"][0]["items"][1]["name"].get<std::string>(), std::string("a-copy.png"));
    QCOMPARE(j["near_duplicates"].size(), std::size_t{2});  // a–a-bright and a-copy–a-bright
    for (const auto& n : j["near_duplicates"]) QCOMPARE(n["b"]["name"].get<std::string>(), std::string("a-bright.jpg"));
    QCOMPARE(j["group_leaks"].size(), std::size_t{1});
    QCOMPARE(j["group_leaks"][0]["group"].get<std::string>(), std::string("subject1"));

    const auto dry = jsonOf(loupeCli({"split", qpath, "--group-aware", "--dry-run", "--json"}));
    QCOMPARE(dry["written"].get<bool>(), false);
    QVERIFY(!dry["moved"].empty());
    QCOMPARE(jsonOf(loupeCli({"leakage", qpath, "--json"}))["clean"].get<bool>(), false);  // nothing written

    const auto done = jsonOf(loupeCli({"split", qpath, "--group-aware", "--json"}));
    QCOMPARE(done["moved"], dry["moved"]);  // deterministic
    // Five linked groups: {a, a-copy, a-bright, b} and the four single subjects. The group of 4
    // fits no target (3/2/3), so it goes to the split furthest below target, train.
    QCOMPARE(done["groups"].get<int>(), 5);
    j = jsonOf(loupeCli({"leakage", qpath, "--json"}));
    QCOMPARE(j["clean"].get<bool>(), true);
  }
};

QTEST_GUILESS_MAIN(TestCliAnalysis)
#include "test_cli_analysis.moc"
