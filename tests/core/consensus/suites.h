#pragma once
// Registry of the consensus test classes so that one main() runs them all.
#include <vector>

#include <QtTest>

#include "tests/support/suite_main.h"

inline std::vector<loupe::test::SuiteRun>& consensusSuites() {
  static std::vector<loupe::test::SuiteRun> suites;
  return suites;
}

template <typename T>
struct RegisterSuite {
  RegisterSuite() {
    consensusSuites().push_back([](int argc, char** argv) {
      T suite;
      return QTest::qExec(&suite, argc, argv);
    });
  }
};
