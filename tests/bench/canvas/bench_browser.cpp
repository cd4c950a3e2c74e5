// Opening a 100,000-item project in the main window: time until the browser shows its first
// rows, and resident memory before, after opening and after scrolling through every row
// (bounded: the model keeps a fixed number of pages, the thumbnail cache a fixed number of images).
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include "storage/project.h"
#include "widgets/browser/browser_panel.h"
#include "widgets/browser/item_list_model.h"
#include "widgets/main_window/main_window.h"

using namespace loupe;

namespace {

double rssMb() {
  QFile f("/proc/self/statm");
  if (!f.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = f.readAll().split(' ');
  return fields.value(1).toDouble() * 4096.0 / (1024.0 * 1024.0);
}

void build(const QString& path, int n) {
  auto p = storage::Project::create(path.toStdString());
  const Id cls = p.classes().add("thing").id;
  const Id who = p.labelers().add("reference", LabelerKind::Reference).id;
  storage::Project::Transaction tx(p);
  for (int i = 0; i < n; ++i) {
    storage::NewItem item;
    char name[32];
    std::snprintf(name, sizeof name, "img/%06d.png", i);
    item.name = name;
    item.width = 28;
    item.height = 28;
    item.split = i % 10 == 0 ? Split::Test : Split::Train;
    const Id id = p.items().add(item);
    if (i % 2 == 0) {
      Annotation a;
      a.itemId = id;
      a.labelerId = who;
      a.classId = cls;
      p.annotations().add(a);
    }
  }
  tx.commit();
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QStandardPaths::setTestModeEnabled(true);
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  QTemporaryDir dir;
  const QString path = dir.filePath("big.loupe");
  QElapsedTimer t;
  t.start();
  build(path, n);
  std::printf("browser: built a %d-item project in %.1f s\n", n, t.nsecsElapsed() / 1e9);

  widgets::MainWindow window;
  window.resize(1440, 900);
  window.show();
  (void)QTest::qWaitForWindowExposed(&window);
  const double rss0 = rssMb();
  t.restart();
  window.openProject(path, "bench");
  window.browser()->list()->viewport()->repaint();  // first rows on screen
  const double openMs = t.nsecsElapsed() / 1e6;
  const double rss1 = rssMb();
  std::printf("browser: open %d items + first paint       %8.1f ms  (%d rows in the model)\n", n, openMs,
              window.itemModel()->rowCount());

  // Scroll through everything, a screen at a time, painting each screen.
  QScrollBar* bar = window.browser()->list()->verticalScrollBar();
  t.restart();
  int frames = 0;
  for (int v = 0; v <= bar->maximum(); v += bar->pageStep() * 37, ++frames) {
    bar->setValue(v);
    window.browser()->list()->viewport()->repaint();
  }
  const double scrollMs = t.nsecsElapsed() / 1e6 / std::max(1, frames);
  const double rss2 = rssMb();
  std::printf("browser: jump-scroll repaint per screen       %8.2f ms  (%d screens)\n", scrollMs, frames);
  std::printf("browser: RSS before open %.1f MB, after open %.1f MB, after scrolling all %.1f MB\n", rss0, rss1, rss2);
  std::printf("browser: pages cached after scrolling: %d of at most 64 (256 rows each)\n", window.itemModel()->pagesCached());
  return 0;
}
