// The box demo project (storage/demo/box_demo_project.h) built from the Fashion-MNIST package into
// real files and read back through the Project API: the same seed gives the same contents,
// every scene has 1-5 reference boxes that are tight on the pixels, and the simulated people
// differ the way they are meant to.
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <map>
#include <set>
#include <sstream>

#include "core/analysis/box_iou.h"
#include "storage/demo/box_demo_project.h"
#include "storage/demo/box_scenes.h"
#include "storage/project.h"
#include "tests/support/project_reads.h"

using namespace loupe;
using namespace loupe::storage;

namespace {

std::filesystem::path build(const QTemporaryDir& dir, const char* name, std::size_t scenes, std::uint64_t seed = 2026) {
  const auto path = std::filesystem::path(dir.path().toStdString()) / name;
  BoxDemoOptions o;
  o.scenes = scenes;
  o.seed = seed;
  buildBoxDemoProject(path, o);
  return path;
}

std::vector<Item> allItems(const Project& p) {
  std::vector<Item> out;
  for (const auto& r : p.items().page({}, 0, 1 << 20)) out.push_back(r.item);
  return out;
}

// Everything the demo writes, as text: items (name, split, group, size, hash, attributes),
// labelers and every box with its labeler and class by name.
std::string contents(const std::filesystem::path& path) {
  const Project p = Project::open(path, OpenMode::ReadOnly);
  std::ostringstream s;
  for (const auto& it : allItems(p)) {
    s << it.name << ' ' << toString(it.split) << ' ' << it.groupKey << ' ' << it.width << 'x' << it.height << ' '
      << it.contentHash;
    for (const auto& [k, v] : p.attributes().of(it.id)) s << ' ' << k << '=' << v;
    s << '\n';
  }
  std::map<Id, std::string> labelers, classes;
  for (const auto& l : p.labelers().all()) labelers[l.id] = l.name + ":" + std::string(toString(l.kind));
  for (const auto& c : p.classes().all()) classes[c.id] = c.name;
  p.reads().forEachBox([&](const Annotation& a) {
    s << a.itemId << ' ' << labelers.at(a.labelerId) << ' ' << classes.at(a.classId) << ' ' << a.box.x << ','
      << a.box.y << ',' << a.box.w << ',' << a.box.h << '\n';
  });
  return s.str();
}

struct Agreement {
  std::int64_t reference = 0, drawn = 0, matched = 0, sameClass = 0;
  double iouSum = 0, areaRatioSum = 0;
};

}  // namespace

class TestBoxDemo : public QObject {
  Q_OBJECT
 private slots:
  void sameSeedSameContents() {
    QTemporaryDir dir;
    const auto a = contents(build(dir, "a.loupe", 40)), b = contents(build(dir, "b.loupe", 40));
    QVERIFY(!a.empty());
    QVERIFY(a == b);
    QVERIFY(a != contents(build(dir, "c.loupe", 40, 7)));
  }

  // 1-5 reference boxes per scene; no article pixel (>= kArticleMin) outside the reference boxes
  // and no background pixel above kBackgroundMax; and a box clear of every other box by a pixel
  // is exactly the bounding box of the article pixels in and around it (tight).
  void oneToFiveTightReferenceBoxesPerScene() {
    QTemporaryDir dir;
    const auto path = build(dir, "d.loupe", 80);
    const Project p = Project::open(path, OpenMode::ReadOnly);
    const Id ref = p.labelers().byName("reference")->id;
    const auto boxes = test::boxesByItem(p.reads(), ref);
    std::set<std::string> backgrounds, crowding, sizes;
    int tightChecked = 0;
    const auto items = allItems(p);
    QCOMPARE(items.size(), std::size_t{80});
    for (const auto& it : items) {
      const auto attrs = p.attributes().of(it.id);
      backgrounds.insert(attrs.at("background"));
      crowding.insert(attrs.at("crowding"));
      sizes.insert(attrs.at("object_size"));
      QVERIFY(boxes.count(it.id));
      const auto& mine = boxes.at(it.id);
      QVERIFY2(mine.size() >= 1 && mine.size() <= 5, it.name.c_str());
      const auto media = p.items().media(it.id);
      QVERIFY(media);
      const cv::Mat g = cv::imdecode(media->bytes, cv::IMREAD_GRAYSCALE);
      QCOMPARE(g.cols, demo::kSceneSide);
      auto inBox = [](const Box& b, int x, int y) { return x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h; };
      for (int y = 0; y < g.rows; ++y)
        for (int x = 0; x < g.cols; ++x) {
          const int v = g.at<std::uint8_t>(y, x);
          bool covered = false;
          for (const auto& a : mine) covered = covered || inBox(a.box, x, y);
          if (!covered) QVERIFY2(v <= demo::kBackgroundMax, qPrintable(QString("%1 at %2,%3: %4").arg(it.name.c_str()).arg(x).arg(y).arg(v)));
          QVERIFY(v <= demo::kBackgroundMax || v >= demo::kArticleMin);
        }
      for (const auto& a : mine) {
        const Box grown{a.box.x - 1, a.box.y - 1, a.box.w + 2, a.box.h + 2};
        bool clear = true;
        for (const auto& o : mine)
          if (o.id != a.id) clear = clear && analysis::iou(grown, o.box) == 0;
        if (!clear) continue;
        int x0 = 1000, y0 = 1000, x1 = -1, y1 = -1;
        for (int y = std::max(0, int(grown.y)); y < std::min(g.rows, int(grown.y + grown.h)); ++y)
          for (int x = std::max(0, int(grown.x)); x < std::min(g.cols, int(grown.x + grown.w)); ++x)
            if (g.at<std::uint8_t>(y, x) >= demo::kArticleMin) {
              x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            }
        QCOMPARE((Box{double(x0), double(y0), double(x1 - x0 + 1), double(y1 - y0 + 1)}), a.box);
        ++tightChecked;
      }
    }
    QVERIFY2(tightChecked > 100, qPrintable(QString::number(tightChecked)));
    QCOMPARE(backgrounds, (std::set<std::string>{"flat", "gradient", "noise", "texture"}));
    QCOMPARE(crowding, (std::set<std::string>{"single", "few", "crowded"}));
    QCOMPARE(sizes.size(), std::size_t{3});
  }

  // On val and test every person labeled every scene. Each person's boxes are matched to the
  // reference per scene (greedy, highest IoU first, IoU >= 0.3). alice misses least and is the
  // most precise; bob's edges are loose (his boxes are larger); chen misses most, swaps classes
  // most and is the least precise.
  void labelersDifferAsDesigned() {
    QTemporaryDir dir;
    const auto path = build(dir, "e.loupe", 600);
    const Project p = Project::open(path, OpenMode::ReadOnly);
    std::set<Id> evaluated;
    for (const auto& it : allItems(p))
      if (it.split == Split::Val || it.split == Split::Test) evaluated.insert(it.id);
    QVERIFY(evaluated.size() > 100);
    const auto reference = test::boxesByItem(p.reads(), p.labelers().byName("reference")->id);
    std::map<std::string, Agreement> by;
    for (const char* name : {"alice", "bob", "chen"}) {
      Agreement& s = by[name];
      const auto drawn = test::boxesByItem(p.reads(), p.labelers().byName(name)->id);
      for (const Id item : evaluated) {
        const auto& truth = reference.at(item);
        const auto it = drawn.find(item);
        const std::vector<Annotation> none;
        const auto& mine = it == drawn.end() ? none : it->second;
        s.reference += static_cast<std::int64_t>(truth.size());
        s.drawn += static_cast<std::int64_t>(mine.size());
        std::vector<bool> used(mine.size());
        for (const auto& t : truth) {
          long best = -1;
          double bestIou = 0.3;
          for (std::size_t k = 0; k < mine.size(); ++k)
            if (!used[k] && analysis::iou(mine[k].box, t.box) >= bestIou) {
              bestIou = analysis::iou(mine[k].box, t.box);
              best = static_cast<long>(k);
            }
          if (best < 0) continue;
          used[static_cast<std::size_t>(best)] = true;
          ++s.matched;
          s.sameClass += mine[static_cast<std::size_t>(best)].classId == t.classId;
          s.iouSum += bestIou;
          s.areaRatioSum += analysis::boxArea(mine[static_cast<std::size_t>(best)].box) / analysis::boxArea(t.box);
        }
      }
    }
    auto recall = [&](const char* n) { return double(by[n].matched) / double(by[n].reference); };
    auto meanIou = [&](const char* n) { return by[n].iouSum / double(by[n].matched); };
    auto area = [&](const char* n) { return by[n].areaRatioSum / double(by[n].matched); };
    auto swaps = [&](const char* n) { return 1 - double(by[n].sameClass) / double(by[n].matched); };
    for (const char* n : {"alice", "bob", "chen"})
      qInfo("%s: recall %.3f mean IoU %.3f area ratio %.3f swapped %.3f drawn/ref %.3f", n, recall(n), meanIou(n),
            area(n), swaps(n), double(by[n].drawn) / double(by[n].reference));
    QVERIFY(recall("alice") > 0.95);
    QVERIFY(recall("alice") > recall("bob") && recall("bob") > recall("chen"));
    QVERIFY(recall("chen") < 0.85);
    QVERIFY(meanIou("alice") > 0.85);
    QVERIFY(meanIou("alice") > meanIou("bob") && meanIou("alice") > meanIou("chen"));
    QVERIFY(area("alice") < 1.1);  // alice: jitter only
    QVERIFY(area("bob") > 1.2);    // bob: loose edges
    QVERIFY(swaps("chen") > 2 * swaps("alice"));
    QVERIFY(swaps("chen") > swaps("bob"));
    QVERIFY(by["chen"].drawn > by["chen"].matched);  // double-drawn boxes
  }
};

QTEST_GUILESS_MAIN(TestBoxDemo)
#include "test_box_demo.moc"
