// One executable for the analysis tests: each file defines a test class and a run function.
#include <QtTest>

#include "tests/core/analysis/suites.h"

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failures = 0;
  for (const auto& run : analysisSuites()) failures += run(argc, argv);
  return failures == 0 ? 0 : 1;
}
