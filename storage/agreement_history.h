#pragma once
// Agreement snapshots: the metrics of each agreement computation (unless --no-snapshot), for the
// trend view.
// Reached as Project::agreementHistory().

#include <string>
#include <vector>

#include "storage/records.h"

namespace loupe::storage {

class AgreementHistory {
 public:
  virtual ~AgreementHistory() = default;
  virtual AgreementSnapshot add(const std::string& scope, const std::string& metricsJson) = 0;
  // Oldest first; all scopes when `scope` is empty.
  virtual std::vector<AgreementSnapshot> all(const std::string& scope = {}) const = 0;
};

}  // namespace loupe::storage
