#pragma once
// Registry of the analysis test classes so that one main() runs them all.
#include <vector>

#include <QtTest>

#include "tests/support/suite_main.h"

using SuiteRun = loupe::test::SuiteRun;

inline std::vector<SuiteRun>& analysisSuites() {
  static std::vector<SuiteRun> suites;
  return suites;
}

template <typename T>
struct RegisterSuite {
  RegisterSuite() {
    analysisSuites().push_back([](int argc, char** argv) {
      T suite;
      return QTest::qExec(&suite, argc, argv);
    });
  }
};
