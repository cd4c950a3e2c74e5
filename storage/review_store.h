#pragma once
// What reviewers decided about suggested fixes, and what a model proposed in shadow mode.
// Reached as Project::issueDecisions() and Project::proposals().

#include <string>
#include <vector>

#include "storage/records.h"

namespace loupe::storage {

class IssueDecisionStore {
 public:
  virtual ~IssueDecisionStore() = default;
  // Records (or replaces) the decision on (item, labeler, subject), attributed to the actor.
  virtual IssueDecision record(Id itemId, Id labelerId, const std::string& subject, IssueDecisionKind decision) = 0;
  // Puts a removed decision back with its id (an undo).
  virtual void restore(const IssueDecision& decision) = 0;
  virtual void remove(Id decisionId) = 0;
  virtual std::optional<IssueDecision> byId(Id decisionId) const = 0;
  virtual std::optional<IssueDecision> find(Id itemId, Id labelerId, const std::string& subject) const = 0;
  // Every decision on the labeler's answers, in item order.
  virtual std::vector<IssueDecision> of(Id labelerId) const = 0;
};

class ProposalStore {
 public:
  virtual ~ProposalStore() = default;
  // Appends the proposals (all of one item, labeler and model) in one transaction; ids and times
  // are filled in the returned copies.
  virtual std::vector<PrelabelProposal> add(const std::vector<PrelabelProposal>& proposals) = 0;
  // True when `model` already proposed on the item to the labeler (an item is proposed on once).
  virtual bool proposed(Id itemId, Id labelerId, const std::string& model) const = 0;
  // What `model` proposed on the item to the labeler, oldest first (empty when nothing).
  virtual std::vector<PrelabelProposal> on(Id itemId, Id labelerId, const std::string& model) const = 0;
  // The labeler's proposals from `model` (every model when empty), oldest first.
  virtual std::vector<PrelabelProposal> of(Id labelerId, const std::string& model = {}) const = 0;
};

}  // namespace loupe::storage
