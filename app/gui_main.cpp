#include "app/gui_main.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include "widgets/main_window/main_window.h"
#include "widgets/main_window/style.h"

namespace loupe {

int runGui(int argc, char** argv) {
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

}  // namespace loupe
