// Runs every test class of the quantisation folder; each lives in its own file.
#include "tests/support/suite_main.h"

int runQuantParamTests(int argc, char** argv);
int runFloatReferenceTests(int argc, char** argv);
int runBlobTests(int argc, char** argv);
int runInt8VsFloatTests(int argc, char** argv);
int runBoardFitTests(int argc, char** argv);

int main(int argc, char** argv) {
  return loupe::test::runSuites(
      argc, argv, {runQuantParamTests, runFloatReferenceTests, runBlobTests, runInt8VsFloatTests, runBoardFitTests});
}
