#pragma once
// The "Likely errors" review: found label and box issues as one queue (worst first) without the
// ones a reviewer already decided, and the three decisions on an entry (accept the suggestion,
// relabel, dismiss), each one transaction that writes the fix and the decision together, with
// what an undo needs to take both back. Shared by the Likely errors dock and `loupe label-issues`.
//
// A fix is written under the reviewer (the current labeler). When the reviewer is another labeler
// than the one questioned, the questioned labeler's annotations stay as they were: the reviewer's
// answer on the item starts as a copy of them (box issues; for a label issue, the suggested
// label) and the fix is made on the copy. When the reviewer is the questioned labeler, the fix
// changes their own annotation; the change log keeps the old value.

#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/label_errors/box_issue_search.h"
#include "storage/label_errors/label_issue_search.h"
#include "storage/project.h"
#include "storage/records.h"

namespace loupe::storage {

// What an entry questions, the key of its decision (issue_decisions.subject). It names the
// questioned answer itself, so when that answer changes, the new one is questioned afresh:
//   image label: "label:<given class>"
//   box issue:   "box:<kind>:<given class>:<x>,<y>,<w>,<h>" of the given box (to 0.1 px), or for
//                a missed box "box:missed:<predicted class>:<x>,<y>,<w>,<h>" of the predicted one.
std::string labelIssueSubject(const std::string& givenClass);
std::string boxIssueSubject(const FoundBoxIssue& issue);

struct ReviewEntry {
  Id itemId = 0;
  std::string item;
  Id labelerId = 0;  // whose answer is questioned
  std::string subject;
  double score = 0.0;  // higher: more likely wrong
  std::string given, suggested;    // class names ("" where there is none: a missed box's given)
  std::optional<FoundBoxIssue> box;  // set for box issues
};

// The entries of an outcome, worst first; those with a recorded decision are left out unless
// `includeDecided`. Box issues are one entry each, ordered by their image's score, then their own.
std::vector<ReviewEntry> reviewQueue(const Project& project, const LabelIssueOutcome& outcome,
                                     bool includeDecided = false);
std::vector<ReviewEntry> reviewQueue(const Project& project, const BoxIssueOutcome& outcome,
                                     bool includeDecided = false);

// Removes from the outcome the issues a reviewer already decided (an image left without issues
// goes too); returns how many issues were removed. The estimate of errors is left as it was.
std::size_t dropDecided(const Project& project, LabelIssueOutcome& outcome);
std::size_t dropDecided(const Project& project, BoxIssueOutcome& outcome);

// What one decision wrote, so it can be undone (undoReviewDecision) and redone (redoReviewDecision).
struct ReviewDecisionResult {
  IssueDecision decision;                   // as stored
  std::optional<IssueDecision> previous;    // the decision it replaced
  std::vector<Annotation> added;            // as stored
  std::vector<Annotation> removed;          // as they were
  struct Change {
    Annotation before, after;
  };
  std::vector<Change> changed;  // class or box of an existing annotation
};

// Writes the suggestion (the suggested label; the predicted box or class; for a spurious box, its
// removal) under `reviewerId`, and records `accepted`. Throws std::invalid_argument for a class
// the project does not have or a given box no longer there.
ReviewDecisionResult acceptSuggestion(Project& project, const ReviewEntry& entry, Id reviewerId);
// The same with the class the reviewer chose (for a spurious box: the box kept with that class);
// records `relabeled`.
ReviewDecisionResult relabelEntry(Project& project, const ReviewEntry& entry, Id reviewerId,
                                  const std::string& className);
// Records `dismissed`; writes no annotation.
ReviewDecisionResult dismissEntry(Project& project, const ReviewEntry& entry, Id reviewerId);

// Takes a decision back in one transaction (annotations and the decision row; the decision it
// replaced returns). Throws EditConflict when another process changed what it wrote.
void undoReviewDecision(Project& project, const ReviewDecisionResult& result);
// Writes it again after an undo, with the same ids.
void redoReviewDecision(Project& project, const ReviewDecisionResult& result);

}  // namespace loupe::storage
