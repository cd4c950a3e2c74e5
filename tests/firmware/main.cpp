// Runs every test class of the board core's folder; each lives in its own file.
#include "tests/support/suite_main.h"

int runBoardCoreTests(int argc, char** argv);
int runModelStoreTests(int argc, char** argv);

int main(int argc, char** argv) {
  return loupe::test::runSuites(argc, argv, {runBoardCoreTests, runModelStoreTests});
}
