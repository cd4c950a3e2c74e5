// Runs every test class of the export folder; each lives in its own file.
#include "tests/support/suite_main.h"

int runProtobufTests(int argc, char** argv);
int runOnnxTests(int argc, char** argv);
int runCHeaderTests(int argc, char** argv);

int main(int argc, char** argv) {
  return loupe::test::runSuites(argc, argv, {runProtobufTests, runOnnxTests, runCHeaderTests});
}
