#pragma once
// One decision in the Likely errors queue as one undo step: accept the suggestion, relabel, or
// dismiss (storage/label_errors/issue_review). The first redo decides and keeps what it wrote;
// undo and later redos replay exactly that, refused when another process changed it meanwhile.

#include <string>

#include "storage/label_errors/issue_review.h"
#include "widgets/commands/storage_command.h"

namespace loupe::widgets {

class ReviewDecisionCommand : public StorageCommand {
 public:
  enum class Kind { Accept, Relabel, Dismiss };
  // The decision is the workspace labeler's (the reviewer); `className` is for Relabel.
  ReviewDecisionCommand(Workspace* ws, storage::ReviewEntry entry, Kind kind, std::string className = {});
  const storage::ReviewDecisionResult& result() const { return result_; }

 protected:
  void apply(storage::Project& p) override;
  void revert(storage::Project& p) override;

 private:
  void notify(bool undone);

  storage::ReviewEntry entry_;
  Kind kind_;
  std::string className_;
  Id reviewerId_;
  storage::ReviewDecisionResult result_;
};

}  // namespace loupe::widgets
