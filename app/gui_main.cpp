#include "app/gui_main.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

namespace loupe {

int runGui(int argc, char** argv) {
  QApplication qapp(argc, argv);
  QApplication::setApplicationName("Loupe");
  QApplication::setOrganizationName("Loupe");
  QMainWindow window;
  window.setWindowTitle("Loupe");
  window.setCentralWidget(new QLabel(QObject::tr("Loupe")));
  window.resize(1280, 800);
  window.show();
  return qapp.exec();
}

}  // namespace loupe
