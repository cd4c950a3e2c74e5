#pragma once
// The main() of a test executable whose classes live in several files: each file exposes a run
// function (QTest::qExec of its class); the executable fails when any of them fails.

#include <QCoreApplication>
#include <functional>
#include <vector>

namespace loupe::test {

using SuiteRun = std::function<int(int, char**)>;

inline int runSuites(int argc, char** argv, const std::vector<SuiteRun>& suites) {
  QCoreApplication app(argc, argv);
  int failures = 0;
  for (const auto& run : suites) failures += run(argc, argv);
  return failures == 0 ? 0 : 1;
}

}  // namespace loupe::test
