// Runs every test class of the export folder; each lives in its own file.
#include <QCoreApplication>

int runProtobufTests(int argc, char** argv);
int runOnnxTests(int argc, char** argv);
int runCHeaderTests(int argc, char** argv);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failures = 0;
  failures += runProtobufTests(argc, argv);
  failures += runOnnxTests(argc, argv);
  failures += runCHeaderTests(argc, argv);
  return failures == 0 ? 0 : 1;
}
