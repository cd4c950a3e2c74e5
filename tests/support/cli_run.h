#pragma once
// Runs the built `loupe` executable ($LOUPE_CLI, set by CTest) and captures its output.

#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

namespace loupe::test {

struct CliRun {
  int exitCode = -1;  // -1: did not finish in time
  std::string out, err;
};

inline CliRun runLoupe(const QStringList& args, int timeoutMs = 120000) {
  QProcess p;
  p.start(qEnvironmentVariable("LOUPE_CLI"), args);
  if (!p.waitForFinished(timeoutMs)) return {};
  return {p.exitCode(), p.readAllStandardOutput().toStdString(), p.readAllStandardError().toStdString()};
}

}  // namespace loupe::test
