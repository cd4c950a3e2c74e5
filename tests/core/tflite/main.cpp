// TensorFlow Lite export and import; each test class lives in its own file.
#include "tests/support/suite_main.h"

int runExportTests(int argc, char** argv);
int runImportTests(int argc, char** argv);

int main(int argc, char** argv) { return loupe::test::runSuites(argc, argv, {runExportTests, runImportTests}); }
