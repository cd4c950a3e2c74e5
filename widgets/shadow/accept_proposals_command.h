#pragma once
// Accepting a model's suggestions on an item: every proposal written as the labeler's annotation
// (storage::acceptProposals) in one undo step; undo removes them and puts back the image label a
// label proposal replaced.

#include <vector>

#include "storage/records.h"
#include "storage/shadow/shadow_mode.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

class AcceptProposalsCommand : public StorageCommand {
 public:
  AcceptProposalsCommand(Workspace* ws, Id itemId, Id labelerId, std::vector<storage::PrelabelProposal> proposals);
  const storage::AcceptResult& result() const { return result_; }

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  Id labelerId_;
  std::vector<storage::PrelabelProposal> proposals_;
  storage::AcceptResult result_;
};

}  // namespace loupe::widgets
