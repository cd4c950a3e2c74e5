#pragma once
// The `loupe` runs a CLI test expects to finish (and, for runLoupeJson, to succeed with JSON on
// stdout): a hang or a failure ends the test with the command line and stderr, not a parse error.

#include <QStringList>

#include <nlohmann/json.hpp>

#include "tests/support/cli_run.h"

namespace loupe::test {

inline CliRun runLoupeFinished(const QStringList& args) {
  const CliRun r = runLoupe(args);
  if (r.exitCode == -1) qFatal("loupe %s did not finish", qPrintable(args.join(' ')));
  return r;
}

inline nlohmann::json runLoupeJson(const QStringList& args) {
  const auto r = runLoupeFinished(args);
  if (r.exitCode != 0) qFatal("loupe %s failed: %s", qPrintable(args.join(' ')), r.err.c_str());
  return nlohmann::json::parse(r.out);
}

}  // namespace loupe::test
