// Runs every test class of the quantisation folder; each lives in its own file.
#include <QCoreApplication>

int runQuantParamTests(int argc, char** argv);
int runFloatReferenceTests(int argc, char** argv);
int runBlobTests(int argc, char** argv);
int runInt8VsFloatTests(int argc, char** argv);
int runBoardFitTests(int argc, char** argv);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failures = 0;
  failures += runQuantParamTests(argc, argv);
  failures += runFloatReferenceTests(argc, argv);
  failures += runBlobTests(argc, argv);
  failures += runInt8VsFloatTests(argc, argv);
  failures += runBoardFitTests(argc, argv);
  return failures == 0 ? 0 : 1;
}
