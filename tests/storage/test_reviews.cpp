// The review decisions and shadow-mode proposals of schema v3 against a real project file: kept
// across reopening, one decision per questioned answer, removed with their item, and refused
// when they would break the table's rules.
#include <QTemporaryDir>
#include <QtTest>

#include "storage/project.h"
#include "tests/support/project_reads.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

Id addItem(Project& p, const std::string& name) {
  NewItem it;
  it.name = name;
  it.width = 32;
  it.height = 32;
  return p.items().add(it);
}

PrelabelProposal proposal(Id item, Id labeler, const std::string& cls, std::optional<Box> box, double score) {
  PrelabelProposal p;
  p.itemId = item;
  p.labelerId = labeler;
  p.model = "net";
  p.className = cls;
  p.box = box;
  p.score = score;
  return p;
}
}  // namespace

class TestReviews : public QObject {
  Q_OBJECT
 private slots:
  void decisionsSurviveReopeningAndReplaceEachOther() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Id a = 0, b = 0, ann = 0, rev = 0, first = 0;
    {
      Project p = Project::create(file);
      ann = p.labelers().add("ann", LabelerKind::Human).id;
      rev = p.labelers().add("rev", LabelerKind::Human).id;
      p.setActor(rev);
      a = addItem(p, "a.png");
      b = addItem(p, "b.png");
      first = p.issueDecisions().record(a, ann, "label:cat", IssueDecisionKind::Dismissed).id;
      p.issueDecisions().record(b, ann, "label:dog", IssueDecisionKind::Accepted);
      // A second decision on the same question replaces the first.
      const IssueDecision again = p.issueDecisions().record(a, ann, "label:cat", IssueDecisionKind::Relabeled);
      QVERIFY(again.id != first);
      QVERIFY(!p.issueDecisions().byId(first));
      // The same item questioned on another answer is another decision.
      p.issueDecisions().record(a, ann, "label:bird", IssueDecisionKind::Dismissed);
      QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.issueDecisions().record(a, ann, "", IssueDecisionKind::Dismissed));
    }
    Project p = Project::open(file);
    const auto all = p.issueDecisions().of(ann);
    QCOMPARE(all.size(), std::size_t{3});
    QCOMPARE(all[0].itemId, a);  // item order
    QCOMPARE(all[2].itemId, b);
    const auto cat = p.issueDecisions().find(a, ann, "label:cat");
    QVERIFY(cat);
    QVERIFY(cat->decision == IssueDecisionKind::Relabeled);
    QCOMPARE(cat->reviewerId, std::optional<Id>(rev));
    QVERIFY(!cat->time.empty());
    QVERIFY(p.issueDecisions().find(b, ann, "label:dog")->decision == IssueDecisionKind::Accepted);
    QVERIFY(!p.issueDecisions().find(b, ann, "label:cat"));
    QVERIFY(p.issueDecisions().of(rev).empty());
    // remove + restore is an undo: the same id and values come back.
    const IssueDecision kept = *cat;
    p.issueDecisions().remove(kept.id);
    QVERIFY(!p.issueDecisions().find(a, ann, "label:cat"));
    p.issueDecisions().restore(kept);
    const auto back = p.issueDecisions().byId(kept.id);
    QVERIFY(back);
    QCOMPARE(back->subject, kept.subject);
    QCOMPARE(back->time, kept.time);
    QVERIFY(back->decision == IssueDecisionKind::Relabeled);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, p.issueDecisions().remove(kept.id + 1000));
  }

  void decisionsAndProposalsGoWithTheirItem() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Id ann = p.labelers().add("ann", LabelerKind::Human).id;
    const Id bob = p.labelers().add("bob", LabelerKind::Human).id;
    const Id a = addItem(p, "a.png");
    const Id b = addItem(p, "b.png");
    p.issueDecisions().record(a, ann, "label:cat", IssueDecisionKind::Dismissed);
    p.issueDecisions().record(b, ann, "label:cat", IssueDecisionKind::Dismissed);
    p.issueDecisions().record(b, bob, "label:cat", IssueDecisionKind::Dismissed);
    p.proposals().add({proposal(a, bob, "cat", std::nullopt, 0.9)});
    p.items().remove(a);
    QCOMPARE(p.issueDecisions().of(ann).size(), std::size_t{1});
    QVERIFY(p.proposals().of(bob).empty());
    QVERIFY(p.issueDecisions().find(b, ann, "label:cat"));
    QVERIFY(p.issueDecisions().find(b, bob, "label:cat"));
    auto rows = test::sqlOf(p).prepare("SELECT COUNT(*) FROM issue_decisions");
    QVERIFY(rows.step());
    QCOMPARE(rows.int64(0), 2);
  }

  void proposalsKeepLabelsAndBoxes() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Id a = 0, b = 0, ann = 0;
    {
      Project p = Project::create(file);
      ann = p.labelers().add("ann", LabelerKind::Human).id;
      a = addItem(p, "a.png");
      b = addItem(p, "b.png");
      const auto added = p.proposals().add({proposal(a, ann, "cat", std::nullopt, 0.875),
                                            proposal(a, ann, "dog", Box{1.5, 2, 10, 12.25}, 0.5)});
      QCOMPARE(added.size(), std::size_t{2});
      QVERIFY(added[0].id > 0 && added[1].id > added[0].id);
      QVERIFY(!added[0].time.empty());
      auto other = proposal(b, ann, "cat", std::nullopt, 0.25);
      other.model = "net2";
      p.proposals().add({other});
      // One bad proposal refuses the whole call.
      QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                               p.proposals().add({proposal(b, ann, "cat", std::nullopt, 0.5), proposal(b, ann, "", std::nullopt, 0.5)}));
    }
    Project p = Project::open(file);
    QVERIFY(p.proposals().proposed(a, ann, "net"));
    QVERIFY(!p.proposals().proposed(b, ann, "net"));
    QVERIFY(p.proposals().proposed(b, ann, "net2"));
    const auto net = p.proposals().of(ann, "net");
    QCOMPARE(net.size(), std::size_t{2});
    QCOMPARE(net[0].className, std::string("cat"));
    QVERIFY(!net[0].box);
    QCOMPARE(net[0].score, 0.875);
    QVERIFY(net[1].box);
    QVERIFY(*net[1].box == (Box{1.5, 2, 10, 12.25}));
    QCOMPARE(p.proposals().of(ann).size(), std::size_t{3});
    const auto onA = p.proposals().on(a, ann, "net");
    QCOMPARE(onA.size(), std::size_t{2});
    QCOMPARE(onA[1].className, std::string("dog"));
    QVERIFY(p.proposals().on(b, ann, "net").empty());
    QCOMPARE(p.proposals().on(b, ann, "net2").size(), std::size_t{1});
  }
};

QTEST_GUILESS_MAIN(TestReviews)
#include "test_reviews.moc"
