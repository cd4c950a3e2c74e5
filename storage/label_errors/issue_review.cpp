#include "storage/label_errors/issue_review.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

namespace loupe::storage {
namespace {

std::string boxText(const Box& b) {
  char text[128];
  std::snprintf(text, sizeof text, "%.1f,%.1f,%.1f,%.1f", b.x, b.y, b.w, b.h);
  return text;
}

bool sameBox(const Box& a, const Box& b) {
  constexpr double kTolerance = 1e-6;  // the issue's box was read from the same row
  return std::abs(a.x - b.x) < kTolerance && std::abs(a.y - b.y) < kTolerance && std::abs(a.w - b.w) < kTolerance &&
         std::abs(a.h - b.h) < kTolerance;
}

Id classIdOf(const Project& project, const std::string& name) {
  const auto c = project.classes().byName(name);
  if (!c) throw std::invalid_argument("no class named '" + name + "' in the project");
  return c->id;
}

bool decided(const Project& project, const ReviewEntry& e) {
  return project.issueDecisions().find(e.itemId, e.labelerId, e.subject).has_value();
}

Id labelerIdOf(const Project& project, const std::string& name) {
  const auto l = project.labelers().byName(name);
  if (!l) throw std::invalid_argument("unknown labeler '" + name + "'");
  return l->id;
}

// Writes one class or box change on an existing annotation and keeps its before and after.
void change(Project& project, ReviewDecisionResult& r, const Annotation& before, Id classId, const Box& box) {
  if (before.classId != classId) project.annotations().setClass(before.id, classId);
  if (before.kind == AnnotationKind::Box && !(before.box == box)) project.annotations().setBox(before.id, box);
  r.changed.push_back({before, *project.annotations().byId(before.id)});
}

void writeLabelFix(Project& project, ReviewDecisionResult& r, const ReviewEntry& e, Id reviewerId, Id classId) {
  for (const Annotation& a : project.annotations().of(e.itemId, reviewerId))
    if (a.kind == AnnotationKind::ImageLabel) return change(project, r, a, classId, a.box);
  r.added.push_back(project.annotations().add(
      {.itemId = e.itemId, .labelerId = reviewerId, .classId = classId, .kind = AnnotationKind::ImageLabel}));
}

std::vector<Annotation> boxesOf(const Project& project, Id itemId, Id labeler) {
  std::vector<Annotation> out;
  for (const Annotation& a : project.annotations().of(itemId, labeler))
    if (a.kind == AnnotationKind::Box) out.push_back(a);
  return out;
}

// A reviewer who has no boxes on the item yet first gets a copy of the questioned labeler's, so
// their answer is whole; returns the reviewer's boxes.
std::vector<Annotation> reviewerBoxes(Project& project, ReviewDecisionResult& r, const ReviewEntry& e, Id reviewerId) {
  auto mine = boxesOf(project, e.itemId, reviewerId);
  if (reviewerId == e.labelerId || !mine.empty()) return mine;
  for (const Annotation& a : boxesOf(project, e.itemId, e.labelerId))
    r.added.push_back(project.annotations().add(
        {.itemId = e.itemId, .labelerId = reviewerId, .classId = a.classId, .kind = AnnotationKind::Box, .box = a.box}));
  return boxesOf(project, e.itemId, reviewerId);
}

// The reviewer's box that stands for the questioned one.
Annotation reviewerBox(Project& project, ReviewDecisionResult& r, const ReviewEntry& e, Id reviewerId) {
  const auto mine = reviewerBoxes(project, r, e, reviewerId);
  const Id givenClass = classIdOf(project, e.box->givenClass);
  for (const Annotation& a : mine)
    if (a.classId == givenClass && sameBox(a.box, *e.box->given)) return a;
  throw std::invalid_argument(e.item + ": the questioned " + e.box->givenClass + " box at " + boxText(*e.box->given) +
                              " is no longer there");
}

void writeBoxFix(Project& project, ReviewDecisionResult& r, const ReviewEntry& e, Id reviewerId, Id classId,
                 bool removeSpurious) {
  const FoundBoxIssue& issue = *e.box;
  if (!issue.given) {  // missed: the predicted box becomes the reviewer's
    if (!issue.predicted) throw std::invalid_argument(e.item + ": a missed box without a predicted box");
    reviewerBoxes(project, r, e, reviewerId);
    r.added.push_back(project.annotations().add(
        {.itemId = e.itemId, .labelerId = reviewerId, .classId = classId, .kind = AnnotationKind::Box, .box = *issue.predicted}));
    return;
  }
  const Annotation target = reviewerBox(project, r, e, reviewerId);
  if (removeSpurious) {
    const auto copied = std::find_if(r.added.begin(), r.added.end(), [&](const Annotation& a) { return a.id == target.id; });
    project.annotations().remove(target.id);
    if (copied != r.added.end()) r.added.erase(copied);  // a copy made just now: nothing to take back
    else r.removed.push_back(target);
    return;
  }
  const Box box = issue.kind == "misplaced" && issue.predicted ? *issue.predicted : target.box;
  change(project, r, target, classId, box);
}

ReviewDecisionResult decide(Project& project, const ReviewEntry& e, IssueDecisionKind kind,
                            const std::function<void(ReviewDecisionResult&)>& fix) {
  ReviewDecisionResult r;
  Project::Transaction tx(project);
  r.previous = project.issueDecisions().find(e.itemId, e.labelerId, e.subject);
  if (fix) fix(r);
  r.decision = project.issueDecisions().record(e.itemId, e.labelerId, e.subject, kind);
  tx.commit();
  return r;
}

void restoreAbsent(Project& project, const Annotation& a) {
  if (project.annotations().byId(a.id))
    throw EditConflict("annotation " + std::to_string(a.id) + " was written again by another process");
  project.annotations().restore(a);
}

void setTo(Project& project, const Annotation& now, const Annotation& to) {
  project.annotations().require(now);
  if (now.classId != to.classId) project.annotations().setClass(now.id, to.classId);
  if (now.kind == AnnotationKind::Box && !(now.box == to.box)) project.annotations().setBox(now.id, to.box);
}

}  // namespace

std::string labelIssueSubject(const std::string& givenClass) { return "label:" + givenClass; }

std::string boxIssueSubject(const FoundBoxIssue& issue) {
  if (issue.given) return "box:" + issue.kind + ":" + issue.givenClass + ":" + boxText(*issue.given);
  return "box:" + issue.kind + ":" + issue.predictedClass + ":" + boxText(issue.predicted.value_or(Box{}));
}

std::vector<ReviewEntry> reviewQueue(const Project& project, const LabelIssueOutcome& outcome, bool includeDecided) {
  const Id labeler = labelerIdOf(project, outcome.labeler);
  std::vector<ReviewEntry> out;
  for (const FoundLabelIssue& i : outcome.issues) {
    ReviewEntry e{.itemId = i.itemId, .item = i.item, .labelerId = labeler, .subject = labelIssueSubject(i.given),
                  .score = i.score, .given = i.given, .suggested = i.suggested, .box = std::nullopt};
    if (includeDecided || !decided(project, e)) out.push_back(std::move(e));
  }
  return out;
}

std::vector<ReviewEntry> reviewQueue(const Project& project, const BoxIssueOutcome& outcome, bool includeDecided) {
  const Id labeler = labelerIdOf(project, outcome.labeler);
  std::vector<ReviewEntry> out;
  for (const FoundBoxImage& image : outcome.flagged)  // worst image first, each image's issues worst first
    for (const FoundBoxIssue& issue : image.issues) {
      ReviewEntry e{.itemId = image.itemId, .item = image.item, .labelerId = labeler, .subject = boxIssueSubject(issue),
                    .score = issue.score, .given = issue.givenClass, .suggested = issue.predictedClass, .box = issue};
      if (issue.kind == "spurious") e.suggested.clear();  // the suggestion is: no box
      if (includeDecided || !decided(project, e)) out.push_back(std::move(e));
    }
  return out;
}

std::size_t dropDecided(const Project& project, LabelIssueOutcome& outcome) {
  const Id labeler = labelerIdOf(project, outcome.labeler);
  const auto before = outcome.issues.size();
  std::erase_if(outcome.issues, [&](const FoundLabelIssue& i) {
    return project.issueDecisions().find(i.itemId, labeler, labelIssueSubject(i.given)).has_value();
  });
  return before - outcome.issues.size();
}

std::size_t dropDecided(const Project& project, BoxIssueOutcome& outcome) {
  const Id labeler = labelerIdOf(project, outcome.labeler);
  std::size_t removed = 0;
  for (FoundBoxImage& image : outcome.flagged)
    removed += std::erase_if(image.issues, [&](const FoundBoxIssue& i) {
      return project.issueDecisions().find(image.itemId, labeler, boxIssueSubject(i)).has_value();
    });
  std::erase_if(outcome.flagged, [](const FoundBoxImage& image) { return image.issues.empty(); });
  return removed;
}

ReviewDecisionResult acceptSuggestion(Project& project, const ReviewEntry& e, Id reviewerId) {
  return decide(project, e, IssueDecisionKind::Accepted, [&](ReviewDecisionResult& r) {
    if (!e.box) return writeLabelFix(project, r, e, reviewerId, classIdOf(project, e.suggested));
    const bool spurious = e.box->kind == "spurious";
    writeBoxFix(project, r, e, reviewerId, spurious ? 0 : classIdOf(project, e.suggested), spurious);
  });
}

ReviewDecisionResult relabelEntry(Project& project, const ReviewEntry& e, Id reviewerId, const std::string& className) {
  return decide(project, e, IssueDecisionKind::Relabeled, [&](ReviewDecisionResult& r) {
    const Id classId = classIdOf(project, className);
    if (!e.box) return writeLabelFix(project, r, e, reviewerId, classId);
    writeBoxFix(project, r, e, reviewerId, classId, false);
  });
}

ReviewDecisionResult dismissEntry(Project& project, const ReviewEntry& e, Id /*reviewerId*/) {
  return decide(project, e, IssueDecisionKind::Dismissed, {});
}

void undoReviewDecision(Project& project, const ReviewDecisionResult& r) {
  Project::Transaction tx(project);
  project.issueDecisions().remove(r.decision.id);
  if (r.previous) project.issueDecisions().restore(*r.previous);
  for (auto it = r.changed.rbegin(); it != r.changed.rend(); ++it) setTo(project, it->after, it->before);
  for (auto it = r.added.rbegin(); it != r.added.rend(); ++it) {
    project.annotations().require(*it);
    project.annotations().remove(it->id);
  }
  for (const Annotation& a : r.removed) restoreAbsent(project, a);
  tx.commit();
}

void redoReviewDecision(Project& project, const ReviewDecisionResult& r) {
  Project::Transaction tx(project);
  for (const Annotation& a : r.removed) {
    project.annotations().require(a);
    project.annotations().remove(a.id);
  }
  for (const Annotation& a : r.added) restoreAbsent(project, a);
  for (const auto& c : r.changed) setTo(project, c.before, c.after);
  if (r.previous) project.issueDecisions().remove(r.previous->id);
  project.issueDecisions().restore(r.decision);
  tx.commit();
}

}  // namespace loupe::storage
