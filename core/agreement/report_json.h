#pragma once
// The JSON form of agreement and HLP results: exactly the keys `loupe agreement --json` and
// `loupe hlp --json` print (docs/cli.md), also stored as agreement snapshots and read
// back by the trend view. Undefined coefficients are null and `notes` says why.

#include <nlohmann/json.hpp>

#include "core/agreement/hlp.h"
#include "core/agreement/report.h"

namespace loupe::agreement {

nlohmann::json toJson(const Coefficient& c);
nlohmann::json toJson(const AgreementReport& report);
nlohmann::json toJson(const HlpResult& result);

}  // namespace loupe::agreement
