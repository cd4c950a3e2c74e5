// A first word that is neither a verb nor a project path gets "unknown command" and the nearest
// verb on stderr, exit 2, without starting Qt (before, `loupe nonsense` was taken as a project to
// open and, without a display, aborted with Qt's platform-plugin message, exit 134).
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

#include "app/cli/command_dispatch.h"
#include "tests/support/cli_run.h"

using loupe::app::cli::Dispatch;

namespace {
bool never(const std::string&) { return false; }
bool always(const std::string&) { return true; }
// The refusals must come before Qt looks for a display, so the runs below have none at all.
void withoutDisplay(QProcess& p) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(var);
  p.setProcessEnvironment(env);
}
const std::vector<std::string> kVerbs{"agreement", "demo", "export", "import", "info", "new", "tag"};
}  // namespace

class TestCliDispatch : public QObject {
  Q_OBJECT
 private slots:
  void dispatchRules() {
    using loupe::app::cli::dispatchFor;
    QCOMPARE(dispatchFor({}, kVerbs, never), Dispatch::Gui);
    QCOMPARE(dispatchFor({"info", "p.loupe"}, kVerbs, never), Dispatch::Cli);
    QCOMPARE(dispatchFor({"--help"}, kVerbs, never), Dispatch::Cli);
    QCOMPARE(dispatchFor({"p.loupe"}, kVerbs, never), Dispatch::Gui);
    QCOMPARE(dispatchFor({"dir/p"}, kVerbs, never), Dispatch::Gui);
    QCOMPARE(dispatchFor({"project"}, kVerbs, always), Dispatch::Gui);  // an existing file
    QCOMPARE(dispatchFor({"--labeler", "ann"}, kVerbs, never), Dispatch::Gui);
    QCOMPARE(dispatchFor({"nonsense"}, kVerbs, never), Dispatch::UnknownCommand);
    QCOMPARE(dispatchFor({"label-issues", "p.loupe"}, kVerbs, never), Dispatch::UnknownCommand);
  }

  void nearestVerb() {
    using loupe::app::cli::nearestVerb;
    QCOMPARE(nearestVerb("inf", kVerbs), std::string("info"));
    QCOMPARE(nearestVerb("imprt", kVerbs), std::string("import"));
    QCOMPARE(nearestVerb("agrement", kVerbs), std::string("agreement"));
    QCOMPARE(nearestVerb("exprot", kVerbs), std::string("export"));  // a transposition: 2 edits
    QCOMPARE(nearestVerb("zzzzzzzzzz", kVerbs), std::string());
  }

  void realExecutableRefusesUnknownWords_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nonsense") << QStringList{"nonsense"}
                              << "loupe: unknown command 'nonsense'; run 'loupe --help' for the list of commands\n";
    QTest::newRow("missing verb") << QStringList{"shadow-report", "p.loupe", "--json"}
                                  << "loupe: unknown command 'shadow-report'; run 'loupe --help' for the list of commands\n";
    QTest::newRow("typo") << QStringList{"imprt", "p.loupe"}
                          << "loupe: unknown command 'imprt' (did you mean 'import'?); run 'loupe --help' for the "
                             "list of commands\n";
  }

  void realExecutableRefusesUnknownWords() {
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    // Run where neither word names a file.
    QProcess p;
    withoutDisplay(p);
    p.setWorkingDirectory(tmp.path());
    p.start(qEnvironmentVariable("LOUPE_CLI"), args);
    QVERIFY2(p.waitForFinished(30000), "loupe did not exit (did it open a window?)");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 2);
    QCOMPARE(QString::fromUtf8(p.readAllStandardError()), expected);
    QVERIFY(p.readAllStandardOutput().isEmpty());
  }

  void guiWithoutDisplaySaysSo() {
    // A project path is the GUI's; with no display that is one clear line, not Qt's abort.
    QTemporaryDir tmp;
    QProcess p;
    withoutDisplay(p);
    p.start(qEnvironmentVariable("LOUPE_CLI"), {tmp.filePath("p.loupe")});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.startsWith("loupe: no display") && err.count('\n') == 1, qPrintable(err));
  }
};

QTEST_GUILESS_MAIN(TestCliDispatch)
#include "test_cli_dispatch.moc"
