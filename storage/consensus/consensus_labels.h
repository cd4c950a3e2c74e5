#pragma once
// The consensus of several labelers' image labels, stored as a labeler of kind consensus: what
// `loupe consensus` does. Reads and writes only through the Project interfaces.

#include <string>
#include <vector>

#include "core/consensus/consensus.h"
#include "core/consensus/method.h"
#include "storage/project.h"

namespace loupe::storage {

struct ConsensusRequest {
  consensus::Method method = consensus::Method::DawidSkene;
  // Labeler names, in the order given. Empty: every labeler of kind human, in id order.
  std::vector<std::string> labelers;
  // The consensus labeler to write. Empty: defaultConsensusName(method).
  std::string name;
};

struct ConsensusOutcome {
  consensus::Method method = consensus::Method::DawidSkene;
  std::string labeler;                // the consensus labeler written
  std::vector<std::string> labelers;  // the labelers combined: the result's labeler indices
  std::vector<std::string> classes;   // the project's classes in display order: its class indices
  std::vector<Id> items;              // the items labelled: its item indices (all rated)
  consensus::ConsensusResult result;
};

// "consensus-dawid-skene" or "consensus-majority": never "consensus", which the review panel
// edits by hand.
std::string defaultConsensusName(consensus::Method method);

// In one transaction (so the labels read and the labels written belong to one state of the file):
// reads the labelers' image labels, runs the method over every item at least one of them
// labelled, and replaces everything labeler `name` held with one image label per such item,
// scored with the posterior of its class. Throws std::invalid_argument for an unknown labeler
// (naming the project's), fewer than two labelers, no image labels to combine, or a `name` that
// belongs to a labeler not of kind consensus or to one of the labelers combined; nothing is
// written then.
ConsensusOutcome writeConsensus(Project& project, const ConsensusRequest& request);

}  // namespace loupe::storage
