#pragma once
// Pre-labels in shadow mode (storage/shadow/README.md): a model's proposals on the items a
// labeler opens, recorded once per (item, labeler, model), accepted as the labeler's
// annotations, and the per-class agreement of the labeler's final answers with them.

#include <cstddef>
#include <string>
#include <vector>

#include "core/domain/types.h"
#include "storage/project.h"
#include "storage/records.h"

namespace loupe::storage {

// The model a shadow run uses: `name`, or the newest stored model when empty. Throws
// std::invalid_argument when the project has no model (or none of that name).
std::string shadowModelName(const Project& project, const std::string& name = {});

// Runs the model on the item's image (read-only: a worker thread can call it on its own Project).
// A classifier gives one image-label proposal (top class and probability), a detector its boxes
// at the model's stored threshold. Ids and times are left empty. Throws std::invalid_argument
// for an unknown item or an item without media.
std::vector<PrelabelProposal> computeProposals(const Project& project, Id itemId, Id labelerId, const std::string& model);

// The labeler's recorded proposals from `model` on the item (empty when none).
std::vector<PrelabelProposal> storedProposals(const Project& project, Id itemId, Id labelerId, const std::string& model);

// Records `proposals` (all of one item, labeler and model, computed by computeProposals) unless
// that model already proposed on the item to the labeler; returns what is stored either way.
// A model that proposes nothing (a detector seeing no object) is recorded as nothing: the item
// is then proposed on again next time, which costs one inference.
std::vector<PrelabelProposal> recordProposals(Project& project, Id itemId, Id labelerId, const std::string& model,
                                              const std::vector<PrelabelProposal>& proposals);

// computeProposals + recordProposals, once per (item, labeler, model): an item already proposed
// on returns the stored proposals without running the model. `model` empty: the newest model.
std::vector<PrelabelProposal> proposeFor(Project& project, Id itemId, Id labelerId, const std::string& model = {});

// What acceptProposals wrote, so an undo can take it back.
struct AcceptResult {
  std::vector<Annotation> added;     // as stored (ids, timestamps)
  std::vector<Annotation> replaced;  // the labeler's image labels a label proposal replaced
  std::size_t skipped = 0;           // proposals of a class the project does not have
};

// Writes the proposals as the labeler's annotations in one transaction: a box proposal becomes a
// box, a label proposal replaces the labeler's image label of the item. Box proposals that
// already have an equal box of the labeler (same class and coordinates) are not added twice.
AcceptResult acceptProposals(Project& project, Id labelerId, const std::vector<PrelabelProposal>& proposals);

struct ShadowClassAgreement {
  std::string className;
  std::size_t proposals = 0;  // every proposal of the class
  std::size_t pending = 0;    // on items the labeler has not answered yet (not counted below)
  std::size_t answered = 0;   // proposals - pending
  std::size_t agreed = 0;
  std::size_t missed = 0;     // the labeler's boxes of the class no proposal matched (answered items)
  double rate = 0.0;          // agreed / answered; NaN when nothing is answered
  std::vector<double> trend;  // agreement rate per bucket of `bucket` answered proposals, in time order
};

struct ShadowAgreement {
  std::string model;
  std::size_t bucket = 10;
  std::size_t items = 0;         // items proposed on
  std::size_t pendingItems = 0;  // of those, not answered yet
  std::vector<ShadowClassAgreement> classes;  // by class name
  ShadowClassAgreement total;                 // every class together (className "")
};

// Agreement of the labeler's current answers with `model`'s proposals (every model when empty),
// per class. `bucket` >= 1.
ShadowAgreement shadowAgreement(const Project& project, Id labelerId, const std::string& model = {},
                                std::size_t bucket = 10);

}  // namespace loupe::storage
