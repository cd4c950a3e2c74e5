// One executable for the analysis tests: each file defines a test class and registers it.
#include "tests/core/analysis/suites.h"
#include "tests/support/suite_main.h"

int main(int argc, char** argv) { return loupe::test::runSuites(argc, argv, analysisSuites()); }
