#pragma once
// Reads what the agreement metrics and HLP need from a project, through the bulk queries of
// Project (one pass over the image labels, one over the boxes), into core's AgreementData.

#include <string>
#include <vector>

#include "core/agreement/agreement_data.h"
#include "core/agreement/report.h"
#include "storage/project.h"

namespace loupe::storage {

struct AgreementSource {
  // Labeler names, in the order given. Empty: every labeler of kind human or reference, in id
  // order (models' predictions and the consensus are not labelers to agree with).
  std::vector<std::string> labelers;
  // Only items whose attribute `sliceKey` equals `sliceValue`. Empty key: every item.
  std::string sliceKey;
  std::string sliceValue;
  // One class against the rest (agreement::oneClassScope). Empty: every class.
  std::string className;
};

// The snapshot scope naming a source: "all", "KEY=VALUE", "class:NAME" or "KEY=VALUE;class:NAME".
std::string scopeName(const AgreementSource& source);

// Throws std::invalid_argument naming an unknown labeler or class.
agreement::AgreementData loadAgreementData(const Project& project, const AgreementSource& source);

// Loads, computes the report, and stores it as an agreement snapshot of scopeName(source) (unless
// `store` is false): what `loupe agreement` and the review panel's "Recompute" do.
agreement::AgreementReport computeAgreement(Project& project, const AgreementSource& source,
                                            const agreement::AgreementOptions& options, bool store = true);

// The value of attribute `key` for each unit of `data` (in unit order); items without it get
// `missing`.
std::vector<std::string> attributeOfUnits(const Project& project, const agreement::AgreementData& data,
                                          const std::string& key, const std::string& missing);

}  // namespace loupe::storage
