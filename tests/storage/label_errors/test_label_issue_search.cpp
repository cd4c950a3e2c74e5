#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <set>

#include "storage/active_learning/next_items.h"
#include "storage/label_errors/issue_review.h"
#include "storage/label_errors/label_issue_search.h"
#include "storage/project.h"
#include "storage/training/model_training.h"
#include "tests/support/bars_project.h"
#include "tests/support/cli_run.h"

using namespace loupe;
namespace fs = std::filesystem;

namespace {

// "noisy" copies the reference on every labelled item except kFlips seeded ones, which get
// another class. Returns the flipped items.
constexpr int kFlips = 12;
std::set<Id> addNoisyLabeler(const test::BarsProject& f) {
  auto project = storage::Project::open(f.path);
  const Id noisy = project.labelers().add("noisy", LabelerKind::Human).id;
  std::vector<Id> labelled;
  for (const auto& [split, ids] : f.items)
    for (Id id : ids)
      if (!project.annotations().of(id, f.reference).empty()) labelled.push_back(id);
  std::mt19937 rng(11);
  std::vector<Id> shuffled = labelled;
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  const std::set<Id> flipped(shuffled.begin(), shuffled.begin() + kFlips);
  storage::Project::Transaction tx(project);
  for (Id id : labelled) {
    const Id given = project.annotations().of(id, f.reference).front().classId;
    const auto at = std::find(f.classIds.begin(), f.classIds.end(), given) - f.classIds.begin();
    const Id label = flipped.count(id) ? f.classIds[static_cast<std::size_t>((at + 1 + static_cast<long>(id % 2)) % 3)] : given;
    project.annotations().add({.itemId = id, .labelerId = noisy, .classId = label});
  }
  tx.commit();
  return flipped;
}

storage::LabelIssueRequest crossValidation() {
  storage::LabelIssueRequest r;
  r.labeler = "noisy";
  r.folds = 3;
  r.options = {.batchSize = 16, .epochs = 8, .patience = 0, .seed = 3, .threads = 2};
  return r;
}

}  // namespace

class TestLabelIssueSearch : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    bars_ = test::makeBarsProject(fs::path(dir_.path().toStdString()) / "bars");
    flipped_ = addNoisyLabeler(bars_);
  }

  void crossValidationFindsTheFlips() {
    const auto project = storage::Project::open(bars_.path, storage::OpenMode::ReadOnly);
    const auto out = storage::findLabelIssues(project, crossValidation());
    QCOMPARE(out.source, std::string("cross_validation"));
    QCOMPARE(out.folds, 3);
    QCOMPARE(out.items, 180);  // every labelled item, all splits
    QCOMPARE(out.classes, (std::vector<std::string>{"hbar", "vbar", "diag"}));
    for (std::size_t n = 0; n < out.itemIds.size(); ++n) {
      const float sum = std::accumulate(out.probabilities.begin() + static_cast<long>(n * 3),
                                        out.probabilities.begin() + static_cast<long>(n * 3 + 3), 0.0f);
      QVERIFY(std::abs(sum - 1.0f) < 1e-4f);
    }
    int found = 0, firstK = 0;
    for (std::size_t k = 0; k < out.issues.size(); ++k) {
      const bool hit = flipped_.count(out.issues[k].itemId) > 0;
      found += hit;
      if (k < kFlips) firstK += hit;
      QVERIFY(out.issues[k].given != out.issues[k].suggested);
      if (k > 0) QVERIFY(out.issues[k - 1].score >= out.issues[k].score);
    }
    // Chance would put about one flip among ten flagged items; 180 noisy bars allow 9 of 12.
    QVERIFY2(found >= 9, qPrintable(QString("found %1 of %2 flips in %3 flagged").arg(found).arg(kFlips).arg(out.issues.size())));
    QVERIFY2(firstK >= 9, qPrintable(QString("%1 of the first %2 are flips").arg(firstK).arg(kFlips)));
    QVERIFY2(out.joint.estimatedErrors() > 6 && out.joint.estimatedErrors() < 24,
             qPrintable(QString::number(out.joint.estimatedErrors())));
    // The reference labeler, checked the same way, has (almost) nothing wrong.
    auto clean = crossValidation();
    clean.labeler = "ref";
    QVERIFY(storage::findLabelIssues(project, clean).issues.size() <= 3);
  }

  void aStoredModelsProbabilities() {
    auto project = storage::Project::open(bars_.path);
    storage::TrainRequest train;
    train.labeler = "ref";
    train.modelName = "bars-model";
    train.options = {.batchSize = 16, .epochs = 6, .patience = 0, .seed = 3, .threads = 2};
    storage::trainAndStore(project, train);
    auto request = crossValidation();
    request.model = "bars-model";
    const auto out = storage::findLabelIssues(project, request);
    QCOMPARE(out.source, std::string("model"));
    QCOMPARE(out.folds, 0);
    QCOMPARE(out.items, 180);
    int found = 0;
    for (const auto& i : out.issues) found += flipped_.count(i.itemId) > 0;
    QVERIFY2(found >= 10, qPrintable(QString::number(found)));
  }

  void refusesBadRequests() {
    const auto project = storage::Project::open(bars_.path, storage::OpenMode::ReadOnly);
    auto r = crossValidation();
    r.labeler = "nobody";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findLabelIssues(project, r));
    r = crossValidation();
    r.folds = 1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findLabelIssues(project, r));
    r = crossValidation();
    r.arch = "fomo96-det";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findLabelIssues(project, r));
    r = crossValidation();
    r.model = "no-such-model";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::findLabelIssues(project, r));
  }

  void cancels() {
    const auto project = storage::Project::open(bars_.path, storage::OpenMode::ReadOnly);
    CancelToken token;
    int calls = 0;
    Progress progress{.report = [&](std::int64_t, std::int64_t, const std::string& stage) {
                        if (stage.rfind("fold 2/3", 0) == 0) token.cancel();
                        ++calls;
                      },
                      .cancel = &token};
    QVERIFY_THROWS_EXCEPTION(Cancelled, storage::findLabelIssues(project, crossValidation(), progress));
    QVERIFY(calls > 0);
  }

  void nextInListAndUncertaintyOrder() {
    const auto project = storage::Project::open(bars_.path, storage::OpenMode::ReadOnly);
    // "ann" labelled the train items only: val and test wait, in id order.
    storage::NextRequest list{.labeler = "ann", .count = 5};
    const auto first = storage::nextItems(project, list);
    QCOMPARE(first.items.size(), std::size_t{5});
    for (std::size_t k = 0; k < 5; ++k) {
      QCOMPARE(first.items[k].itemId, bars_.items.at(Split::Val)[k]);
      QVERIFY(!first.items[k].score);
    }
    storage::NextRequest strict{
        .labeler = "ann", .order = storage::NextOrder::Uncertainty, .balanceClasses = false, .count = 100};
    const auto next = storage::nextItems(project, strict);
    QCOMPARE(next.model, std::string("bars-model"));
    QCOMPARE(next.items.size(), std::size_t{62});  // 30 val + 32 test
    for (std::size_t k = 0; k < next.items.size(); ++k) {
      QVERIFY(next.items[k].score && *next.items[k].score >= 0.0 && *next.items[k].score <= 1.0);
      if (k > 0) QVERIFY(*next.items[k - 1].score >= *next.items[k].score);
    }
    QVERIFY(*next.items.front().score > *next.items.back().score);

    // Balanced (the default): the same items; round k is the k-th most uncertain of every
    // predicted class, so the first three are one per class (the model predicts all three) and
    // each class keeps its strict order.
    auto balancedRequest = strict;
    balancedRequest.balanceClasses = true;
    const auto balanced = storage::nextItems(project, balancedRequest);
    QCOMPARE(balanced.items.size(), next.items.size());
    std::set<std::string> firstRound;
    for (std::size_t k = 0; k < 3; ++k) firstRound.insert(balanced.items[k].predicted);
    QCOMPARE(firstRound.size(), std::size_t{3});
    QVERIFY(*balanced.items[0].score >= *balanced.items[1].score);
    for (const std::string cls : {"hbar", "vbar", "diag"}) {
      std::vector<Id> strictOrder, balancedOrder;
      for (const auto& i : next.items) if (i.predicted == cls) strictOrder.push_back(i.itemId);
      for (const auto& i : balanced.items) if (i.predicted == cls) balancedOrder.push_back(i.itemId);
      QCOMPARE(balancedOrder, strictOrder);
    }
    QCOMPARE(balanced.items[0].itemId, next.items[0].itemId);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, storage::nextItems(project, {.labeler = "nobody"}));
  }

  void verbsPrintJson() {
    const QString path = QString::fromStdString(bars_.path.string());
    const auto issues = test::runLoupe({"label-issues", path, "--labeler", "noisy", "--folds", "3", "--epochs", "8",
                                        "--batch-size", "16", "--seed", "3", "--threads", "2", "--json"});
    QVERIFY2(issues.exitCode == 0, issues.err.c_str());
    const auto j = nlohmann::json::parse(issues.out);
    for (const char* key : {"method", "folds", "estimated_errors", "issues", "confident_joint", "ranking"})
      QVERIFY2(j.contains(key), key);
    QCOMPARE(j["method"].get<std::string>(), std::string("confident_learning"));
    QCOMPARE(j["folds"].get<int>(), 3);
    QVERIFY(!j["issues"].empty());
    for (const char* key : {"item", "given", "suggested", "score"}) QVERIFY2(j["issues"][0].contains(key), key);

    // A dismissed issue is left out next time (and counted as decided) unless --include-decided.
    const QStringList byModel{"label-issues", path, "--labeler", "noisy", "--model", "bars-model", "--json"};
    const auto before = nlohmann::json::parse(test::runLoupe(byModel).out);
    QCOMPARE(before["decided"].get<int>(), 0);
    QVERIFY(!before["issues"].empty());
    const auto& first = before["issues"][0];
    {
      auto project = storage::Project::open(bars_.path);
      const Id reviewer = project.labelers().add("reviewer", LabelerKind::Human).id;
      project.setActor(reviewer);
      storage::LabelIssueOutcome outcome;
      outcome.labeler = "noisy";
      outcome.issues = {{.itemId = first["item_id"].get<Id>(), .item = first["item"].get<std::string>(),
                         .given = first["given"].get<std::string>(), .suggested = first["suggested"].get<std::string>(),
                         .score = first["score"].get<double>()}};
      storage::dismissEntry(project, storage::reviewQueue(project, outcome).at(0), reviewer);
    }
    const auto after = nlohmann::json::parse(test::runLoupe(byModel).out);
    QCOMPARE(after["decided"].get<int>(), 1);
    QCOMPARE(after["flagged"].get<std::size_t>(), before["flagged"].get<std::size_t>() - 1);
    for (const auto& i : after["issues"]) QVERIFY(i["item_id"] != first["item_id"]);
    const auto all = nlohmann::json::parse(test::runLoupe(byModel + QStringList{"--include-decided"}).out);
    QCOMPARE(all["decided"].get<int>(), 0);
    QCOMPARE(all["issues"], before["issues"]);

    const auto next = test::runLoupe({"next", path, "--labeler", "ann", "--order", "uncertainty", "--count", "3", "--json"});
    QVERIFY2(next.exitCode == 0, next.err.c_str());
    const auto n = nlohmann::json::parse(next.out);
    QCOMPARE(n.size(), std::size_t{3});
    QVERIFY(n[0]["score"].get<double>() >= n[2]["score"].get<double>());  // round 0: by score
    QVERIFY(n[0]["predicted"].is_string());

    const auto bad = test::runLoupe({"next", path, "--labeler", "ann", "--order", "random"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.find("--order") != std::string::npos);
  }

 private:
  QTemporaryDir dir_;
  test::BarsProject bars_;
  std::set<Id> flipped_;
};

QTEST_GUILESS_MAIN(TestLabelIssueSearch)
#include "test_label_issue_search.moc"
