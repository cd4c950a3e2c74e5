#include "app/gui_main.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdlib>
#include <iostream>
#include <string_view>

#include "widgets/main_window/main_window.h"
#include "widgets/main_window/style.h"

namespace loupe::app {

namespace {
// Qt aborts (exit 134, a platform-plugin message) when it finds no display; say it in one line.
bool hasDisplay(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string_view(argv[i]) == "-platform") return true;
  for (const char* var : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) {
    const char* value = std::getenv(var);
    if (value && *value) return true;
  }
  return false;
}
}  // namespace

int runGui(int argc, char** argv) {
  if (!hasDisplay(argc, argv)) {
    std::cerr << "loupe: no display to open the GUI on (DISPLAY is not set); the commands work without "
                 "one: run 'loupe --help'\n";
    return 1;
  }
  QApplication qapp(argc, argv);
  QApplication::setApplicationName("Loupe");
  QApplication::setOrganizationName("Loupe");
  QApplication::setApplicationVersion(LOUPE_VERSION);
  widgets::applyLoupeStyle(qapp);

  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Loupe labeling workspace"));
  parser.addPositionalArgument("project", QObject::tr("Project file (.loupe) to open"), "[project]");
  const QCommandLineOption labeler("labeler", QObject::tr("Label as NAME (created if new) instead of asking"), "name");
  parser.addOption(labeler);
  parser.process(qapp);

  widgets::MainWindow window;
  window.show();
  const QStringList args = parser.positionalArguments();
  if (!args.isEmpty()) {
    const QString path = args.front(), name = parser.value(labeler);
    // After the event loop starts, so the labeler dialog appears over a shown window.
    QTimer::singleShot(0, &window, [&window, path, name] { window.openProject(path, name); });
  }
  return qapp.exec();
}

}  // namespace loupe::app
