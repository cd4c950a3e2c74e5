// One executable for the consensus tests: each file defines a test class and registers it.
#include "tests/core/consensus/suites.h"
#include "tests/support/suite_main.h"

int main(int argc, char** argv) { return loupe::test::runSuites(argc, argv, consensusSuites()); }
