#include "widgets/shadow/accept_proposals_command.h"

#include <QObject>

#include <string>

#include "storage/project.h"

namespace loupe::widgets {

namespace {
void restoreChecked(storage::Project& p, const Annotation& a) {
  if (p.annotations().byId(a.id))
    throw storage::EditConflict("annotation " + std::to_string(a.id) + " was replaced by another process");
  p.annotations().restore(a);
}
}  // namespace

AcceptProposalsCommand::AcceptProposalsCommand(Workspace* ws, Id itemId, Id labelerId,
                                               std::vector<storage::PrelabelProposal> proposals)
    : StorageCommand(ws, itemId, QObject::tr("Accept %n suggestion(s)", "", static_cast<int>(proposals.size()))),
      labelerId_(labelerId),
      proposals_(std::move(proposals)) {}

void AcceptProposalsCommand::apply(storage::Project& p) {
  if (!reapplying()) {
    result_ = storage::acceptProposals(p, labelerId_, proposals_);
  } else {
    for (const Annotation& a : result_.replaced) {
      p.annotations().require(a);
      p.annotations().remove(a.id);
    }
    for (const Annotation& a : result_.added) restoreChecked(p, a);
  }
  for (const Annotation& a : result_.replaced) annotationRemoved(a.id);
  for (const Annotation& a : result_.added) annotationChanged(a.id);
}

void AcceptProposalsCommand::revert(storage::Project& p) {
  for (auto it = result_.added.rbegin(); it != result_.added.rend(); ++it) {
    p.annotations().require(*it);
    p.annotations().remove(it->id);
    annotationRemoved(it->id);
  }
  for (const Annotation& a : result_.replaced) {
    restoreChecked(p, a);
    annotationChanged(a.id);
  }
}

}  // namespace loupe::widgets
