// A sloppy labeler's boxes against a detector's (here a model labeler that boxed each square
// exactly, and saw one more object): the four planted faults must come back as the four flagged
// images, each with its kind, and nothing else.
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include "storage/label_errors/box_issue_search.h"
#include "storage/project.h"
#include "tests/storage/training/squares_project.h"
#include "tests/support/cli_run.h"

using namespace loupe;
namespace fs = std::filesystem;

class TestBoxIssueSearch : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    f_ = test::makeSquaresProject(fs::path(dir_.path().toStdString()) / "squares");
    auto project = storage::Project::open(f_.path);
    const Id square = project.classes().byName("square")->id;
    const Id blob = project.classes().add("blob").id;
    const Id det = project.labelers().add("det", LabelerKind::Model).id;
    const Id sloppy = project.labelers().add("sloppy", LabelerKind::Human).id;
    storage::Project::Transaction tx(project);
    std::vector<Id> shown;
    for (Split split : {Split::Val, Split::Test})
      for (Id id : f_.items.at(split)) shown.push_back(id);
    for (std::size_t k = 0; k < shown.size(); ++k) {
      const Id id = shown[k];
      const Box truth = f_.boxes.at(id);
      project.annotations().add({.itemId = id, .labelerId = det, .classId = square, .kind = AnnotationKind::Box,
                                 .box = truth, .score = 0.9});
      Box drawn = truth;
      Id cls = square;
      if (k == 1) {  // the detector sees a second object the labeler did not box
        const Box other{truth.x < 30 ? 50.0 : 1.0, 1, 10, 8};
        project.annotations().add({.itemId = id, .labelerId = det, .classId = square, .kind = AnnotationKind::Box,
                                   .box = other, .score = 0.8});
        missed_ = id;
      }
      if (k == 3) {
        drawn.x += 8;  // IoU (4 x 9) / (2 x 108 - 36) = 0.2
        misplaced_ = id;
      }
      if (k == 5) {
        cls = blob;
        wrongClass_ = id;
      }
      project.annotations().add({.itemId = id, .labelerId = sloppy, .classId = cls, .kind = AnnotationKind::Box, .box = drawn});
      if (k == 7) {
        const Box extra{truth.x < 30 ? 50.0 : 1.0, 1, 10, 8};
        project.annotations().add({.itemId = id, .labelerId = sloppy, .classId = square, .kind = AnnotationKind::Box, .box = extra});
        spurious_ = id;
      }
    }
    tx.commit();
  }

  void findsThePlantedFaults() {
    const auto project = storage::Project::open(f_.path, storage::OpenMode::ReadOnly);
    const auto out = storage::findBoxIssues(project, {.labeler = "sloppy", .model = "det", .options = {}});
    QCOMPARE(out.labeler, std::string("sloppy"));
    std::map<Id, std::string> kinds;
    for (const auto& image : out.flagged) {
      QCOMPARE(image.issues.size(), std::size_t{1});
      kinds[image.itemId] = image.issues[0].kind;
    }
    QCOMPARE(kinds.size(), std::size_t{4});
    QCOMPARE(kinds[missed_], std::string("missed"));
    QCOMPARE(kinds[misplaced_], std::string("misplaced"));
    QCOMPARE(kinds[wrongClass_], std::string("wrong_class"));
    QCOMPARE(kinds[spurious_], std::string("spurious"));
    QCOMPARE(out.images, 24);
    // Worst first: spurious 1 - 0 = 1, wrong class 0.9, missed 0.8, misplaced 0.9 x 0.8 = 0.72.
    QCOMPARE(out.flagged[0].itemId, spurious_);
    QCOMPARE(out.flagged[1].itemId, wrongClass_);
    QCOMPARE(out.flagged[2].itemId, missed_);
    QCOMPARE(out.flagged[3].itemId, misplaced_);
    const auto& wrong = out.flagged[1].issues[0];
    QCOMPARE(wrong.givenClass, std::string("blob"));
    QCOMPARE(wrong.predictedClass, std::string("square"));
    QVERIFY(std::abs(out.flagged[3].issues[0].iou - 0.2) < 1e-9);
    QVERIFY(!out.flagged[2].issues[0].given);
  }

  void refusesWhatItCannotCheck() {
    const auto project = storage::Project::open(f_.path, storage::OpenMode::ReadOnly);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findBoxIssues(project, {.labeler = "sloppy", .model = "", .options = {}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findBoxIssues(project, {.labeler = "sloppy", .model = "nobody", .options = {}}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findBoxIssues(project, {.labeler = "sloppy", .model = "det", .options = {.minScore = 2}}));
  }

  void theVerbPrintsJson() {
    const auto run = test::runLoupe({"label-issues", QString::fromStdString(f_.path.string()), "--labeler", "sloppy",
                                     "--model", "det", "--json"});
    QVERIFY2(run.exitCode == 0, run.err.c_str());
    const auto j = nlohmann::json::parse(run.out);
    QCOMPARE(j["method"].get<std::string>(), std::string("box_issues"));
    QCOMPARE(j["flagged"].get<int>(), 4);
    QCOMPARE(j["issues"][0]["boxes"][0]["kind"].get<std::string>(), std::string("spurious"));
    QVERIFY(j["issues"][0]["boxes"][0]["suggested"].is_null());
    QCOMPARE(j["issues"][1]["boxes"][0]["given"]["label"].get<std::string>(), std::string("blob"));
  }

 private:
  QTemporaryDir dir_;
  test::SquaresProject f_;
  Id missed_ = 0, misplaced_ = 0, wrongClass_ = 0, spurious_ = 0;
};

QTEST_GUILESS_MAIN(TestBoxIssueSearch)
#include "test_box_issue_search.moc"
