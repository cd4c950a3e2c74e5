// The Likely errors review on a real project file, with hand-made issues so every answer is known:
// the queue leaves decided entries out (and brings an entry back when the questioned answer
// changes), accept / relabel / dismiss write the fix under the reviewer and keep the questioned
// labeler's annotations, and each decision undoes and redoes exactly.
#include <QTemporaryDir>
#include <QtTest>

#include "storage/label_errors/issue_review.h"
#include "storage/project.h"
#include "tests/support/annotation_values.h"

using namespace loupe;
using namespace loupe::storage;

namespace {

struct Fixture {
  QTemporaryDir dir;
  std::optional<Project> p;
  Id ann = 0, rev = 0, cat = 0, dog = 0, a = 0, b = 0, c = 0;

  Fixture() {
    p = Project::create(std::filesystem::path(dir.path().toStdString()) / "p.loupe");
    ann = p->labelers().add("ann", LabelerKind::Human).id;
    rev = p->labelers().add("rev", LabelerKind::Human).id;
    p->setActor(rev);
    cat = p->classes().add("cat").id;
    dog = p->classes().add("dog").id;
    for (auto [id, name] : {std::pair{&a, "a.png"}, {&b, "b.png"}, {&c, "c.png"}}) {
      NewItem it;
      it.name = name;
      it.width = 100;
      it.height = 100;
      *id = p->items().add(it);
    }
  }
  std::vector<Annotation> of(Id item, Id labeler) const { return p->annotations().of(item, labeler); }
};

LabelIssueOutcome labelOutcome(Id a, Id c) {
  LabelIssueOutcome out;
  out.labeler = "ann";
  out.issues = {{.itemId = a, .item = "a.png", .given = "cat", .suggested = "dog", .score = 0.9},
                {.itemId = c, .item = "c.png", .given = "dog", .suggested = "cat", .score = 0.5}};
  return out;
}

FoundBoxIssue boxIssue(const char* kind, std::optional<Box> given, const char* givenClass, std::optional<Box> predicted,
                       const char* predictedClass, double score) {
  return {.kind = kind, .given = given, .givenClass = givenClass, .predicted = predicted,
          .predictedClass = predictedClass, .predictedScore = score, .iou = 0.0, .score = score};
}

bool hasBox(const std::vector<Annotation>& anns, Id cls, Box box) {
  return std::any_of(anns.begin(), anns.end(),
                     [&](const Annotation& x) { return x.kind == AnnotationKind::Box && x.classId == cls && x.box == box; });
}

}  // namespace

class TestIssueReview : public QObject {
  Q_OBJECT
 private slots:
  void labelQueueAcceptDismissUndoRedo() {
    Fixture f;
    f.p->annotations().add(test::imageLabel(f.a, f.ann, f.cat));
    f.p->annotations().add(test::imageLabel(f.c, f.ann, f.dog));
    const auto outcome = labelOutcome(f.a, f.c);
    auto queue = reviewQueue(*f.p, outcome);
    QCOMPARE(queue.size(), std::size_t{2});
    QCOMPARE(queue[0].item, std::string("a.png"));
    QCOMPARE(queue[0].subject, std::string("label:cat"));
    QCOMPARE(queue[0].suggested, std::string("dog"));

    // Accept: the reviewer's label is the suggestion; ann's label stays cat.
    const auto accepted = acceptSuggestion(*f.p, queue[0], f.rev);
    QCOMPARE(f.of(f.a, f.rev).size(), std::size_t{1});
    QCOMPARE(f.of(f.a, f.rev)[0].classId, f.dog);
    QCOMPARE(f.of(f.a, f.ann)[0].classId, f.cat);
    QVERIFY(accepted.decision.decision == IssueDecisionKind::Accepted);
    QCOMPARE(accepted.decision.reviewerId, std::optional<Id>(f.rev));
    // Dismiss: no annotation written, and both entries are gone from the next run.
    const auto dismissed = dismissEntry(*f.p, queue[1], f.rev);
    QVERIFY(f.of(f.c, f.rev).empty());
    QVERIFY(reviewQueue(*f.p, outcome).empty());
    QCOMPARE(reviewQueue(*f.p, outcome, true).size(), std::size_t{2});
    auto copy = outcome;
    QCOMPARE(dropDecided(*f.p, copy), std::size_t{2});
    QVERIFY(copy.issues.empty());

    // Undo the accept: the reviewer's label and the decision go, the entry is back.
    undoReviewDecision(*f.p, accepted);
    QVERIFY(f.of(f.a, f.rev).empty());
    QVERIFY(!f.p->issueDecisions().byId(accepted.decision.id));
    queue = reviewQueue(*f.p, outcome);
    QCOMPARE(queue.size(), std::size_t{1});
    QCOMPARE(queue[0].item, std::string("a.png"));
    // Redo: the same rows with the same ids.
    redoReviewDecision(*f.p, accepted);
    QCOMPARE(f.of(f.a, f.rev).at(0).id, accepted.added.at(0).id);
    QVERIFY(f.p->issueDecisions().byId(accepted.decision.id));
    undoReviewDecision(*f.p, dismissed);
    QCOMPARE(reviewQueue(*f.p, outcome).size(), std::size_t{1});

    // When ann's answer itself changes, it is questioned afresh.
    f.p->annotations().setClass(f.of(f.a, f.ann)[0].id, f.dog);
    LabelIssueOutcome changed;
    changed.labeler = "ann";
    changed.issues = {{.itemId = f.a, .item = "a.png", .given = "dog", .suggested = "cat", .score = 0.7}};
    QCOMPARE(reviewQueue(*f.p, changed).size(), std::size_t{1});
  }

  void relabelAndTheQuestionedLabelerReviewingThemself() {
    Fixture f;
    f.p->annotations().add(test::imageLabel(f.a, f.ann, f.cat));
    f.p->annotations().add(test::imageLabel(f.c, f.ann, f.dog));
    f.p->annotations().add(test::imageLabel(f.c, f.rev, f.dog));  // the reviewer had answered c already
    const auto queue = reviewQueue(*f.p, labelOutcome(f.a, f.c));
    // Relabel c to cat: the reviewer's own label changes (no second label), ann's stays dog.
    const auto relabeled = relabelEntry(*f.p, queue[1], f.rev, "cat");
    QCOMPARE(f.of(f.c, f.rev).size(), std::size_t{1});
    QCOMPARE(f.of(f.c, f.rev)[0].classId, f.cat);
    QCOMPARE(f.of(f.c, f.ann)[0].classId, f.dog);
    QCOMPARE(relabeled.changed.size(), std::size_t{1});
    QVERIFY(f.p->issueDecisions().find(f.c, f.ann, "label:dog")->decision == IssueDecisionKind::Relabeled);
    undoReviewDecision(*f.p, relabeled);
    QCOMPARE(f.of(f.c, f.rev)[0].classId, f.dog);
    // ann accepting the suggestion on their own label changes it; undo gives it back.
    f.p->setActor(f.ann);
    const auto own = acceptSuggestion(*f.p, queue[0], f.ann);
    QCOMPARE(f.of(f.a, f.ann).size(), std::size_t{1});
    QCOMPARE(f.of(f.a, f.ann)[0].classId, f.dog);
    undoReviewDecision(*f.p, own);
    QCOMPARE(f.of(f.a, f.ann)[0].classId, f.cat);
    // A class the project lacks is refused and writes nothing.
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, relabelEntry(*f.p, queue[0], f.rev, "bird"));
    QVERIFY(!f.p->issueDecisions().find(f.a, f.ann, "label:cat"));
  }

  void boxFixesGoOnTheReviewersCopy() {
    Fixture f;
    const Box catBox{10, 10, 20, 20}, dogBox{50, 50, 10, 10}, moved{12, 12, 20, 20}, missedBox{70, 5, 10, 10};
    f.p->annotations().add(test::boxLabel(f.a, f.ann, f.cat, catBox));
    f.p->annotations().add(test::boxLabel(f.a, f.ann, f.dog, dogBox));
    BoxIssueOutcome outcome;
    outcome.labeler = "ann";
    outcome.model = "net";
    outcome.flagged = {{.itemId = f.a, .item = "a.png", .score = 0.95,
                        .issues = {boxIssue("misplaced", catBox, "cat", moved, "cat", 0.9),
                                   boxIssue("spurious", dogBox, "dog", std::nullopt, "", 0.8),
                                   boxIssue("missed", std::nullopt, "", missedBox, "cat", 0.7)}}};
    const auto queue = reviewQueue(*f.p, outcome);
    QCOMPARE(queue.size(), std::size_t{3});
    QCOMPARE(queue[0].subject, std::string("box:misplaced:cat:10.0,10.0,20.0,20.0"));
    QCOMPARE(queue[2].subject, std::string("box:missed:cat:70.0,5.0,10.0,10.0"));
    QCOMPARE(queue[1].suggested, std::string());  // a spurious box's suggestion is no box

    const auto before = f.of(f.a, f.ann);
    // Misplaced: the reviewer gets a copy of ann's two boxes with the cat box moved.
    const auto r1 = acceptSuggestion(*f.p, queue[0], f.rev);
    auto mine = f.of(f.a, f.rev);
    QCOMPARE(mine.size(), std::size_t{2});
    QVERIFY(hasBox(mine, f.cat, moved));
    QVERIFY(hasBox(mine, f.dog, dogBox));
    // Spurious: the reviewer's dog box goes.
    const auto r2 = acceptSuggestion(*f.p, queue[1], f.rev);
    mine = f.of(f.a, f.rev);
    QCOMPARE(mine.size(), std::size_t{1});
    QVERIFY(!hasBox(mine, f.dog, dogBox));
    // Missed: the predicted box is added.
    const auto r3 = acceptSuggestion(*f.p, queue[2], f.rev);
    mine = f.of(f.a, f.rev);
    QCOMPARE(mine.size(), std::size_t{2});
    QVERIFY(hasBox(mine, f.cat, missedBox));
    QCOMPARE(f.of(f.a, f.ann).size(), before.size());  // ann's boxes as they were
    QVERIFY(hasBox(f.of(f.a, f.ann), f.cat, catBox));
    QVERIFY(reviewQueue(*f.p, outcome).empty());
    auto copy = outcome;
    QCOMPARE(dropDecided(*f.p, copy), std::size_t{3});
    QVERIFY(copy.flagged.empty());

    // Undo all three, newest first: the reviewer has nothing on the item again.
    undoReviewDecision(*f.p, r3);
    undoReviewDecision(*f.p, r2);
    QVERIFY(hasBox(f.of(f.a, f.rev), f.dog, dogBox));
    undoReviewDecision(*f.p, r1);
    QVERIFY(f.of(f.a, f.rev).empty());
    QCOMPARE(reviewQueue(*f.p, outcome).size(), std::size_t{3});
    redoReviewDecision(*f.p, r1);
    QVERIFY(hasBox(f.of(f.a, f.rev), f.cat, moved));

    // A questioned box that is gone is refused, and nothing is written.
    const auto gone = boxIssue("wrong_class", Box{1, 1, 5, 5}, "cat", Box{1, 1, 5, 5}, "dog", 0.6);
    ReviewEntry e{.itemId = f.b, .item = "b.png", .labelerId = f.ann, .subject = boxIssueSubject(gone), .score = 0.6,
                  .given = "cat", .suggested = "dog", .box = gone};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, acceptSuggestion(*f.p, e, f.ann));
    QVERIFY(!f.p->issueDecisions().find(f.b, f.ann, e.subject));

    // A missed box decided first on an item: the reviewer's answer is ann's boxes plus the new one.
    f.p->annotations().add(test::boxLabel(f.c, f.ann, f.dog, dogBox));
    const auto missed = boxIssue("missed", std::nullopt, "", missedBox, "cat", 0.7);
    const ReviewEntry first{.itemId = f.c, .item = "c.png", .labelerId = f.ann, .subject = boxIssueSubject(missed),
                            .score = 0.7, .given = "", .suggested = "cat", .box = missed};
    const auto r4 = acceptSuggestion(*f.p, first, f.rev);
    QCOMPARE(f.of(f.c, f.rev).size(), std::size_t{2});
    QVERIFY(hasBox(f.of(f.c, f.rev), f.dog, dogBox));
    QVERIFY(hasBox(f.of(f.c, f.rev), f.cat, missedBox));
    undoReviewDecision(*f.p, r4);
    QVERIFY(f.of(f.c, f.rev).empty());
  }

  // Undo refuses to write over a reviewer's label another process changed meanwhile.
  void undoAfterAnotherWriterIsRefused() {
    Fixture f;
    f.p->annotations().add(test::imageLabel(f.a, f.ann, f.cat));
    const auto queue = reviewQueue(*f.p, labelOutcome(f.a, f.c));
    const auto accepted = acceptSuggestion(*f.p, queue[0], f.rev);
    f.p->annotations().setClass(accepted.added.at(0).id, f.cat);
    QVERIFY_THROWS_EXCEPTION(EditConflict, undoReviewDecision(*f.p, accepted));
    QVERIFY(f.p->issueDecisions().byId(accepted.decision.id));
  }
};

QTEST_GUILESS_MAIN(TestIssueReview)
#include "test_issue_review.moc"
