// Runs every test class of the runtime folder; each lives in its own file.
#include "tests/support/suite_main.h"

int runQuantMathTests(int argc, char** argv);
int runKernelTests(int argc, char** argv);

int main(int argc, char** argv) {
  return loupe::test::runSuites(argc, argv, {runQuantMathTests, runKernelTests});
}
