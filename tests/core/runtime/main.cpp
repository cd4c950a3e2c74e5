// Runs every test class of the runtime folder; each lives in its own file.
#include <QCoreApplication>

int runQuantMathTests(int argc, char** argv);
int runKernelTests(int argc, char** argv);

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  int failures = 0;
  failures += runQuantMathTests(argc, argv);
  failures += runKernelTests(argc, argv);
  return failures == 0 ? 0 : 1;
}
