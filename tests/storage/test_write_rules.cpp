// One rule per fact: the storage calls the GUI writes through (addAnnotation, setAnnotationBox,
// updateAnnotation, restoreAnnotation, replaceAnnotations, addItem, setAttribute) apply the same
// box rule as importDataset, and store items, media and attributes exactly as the import does.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/domain/errors.h"
#include "storage/sql/connection.h"
#include "storage/transfer/import.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/sample_dataset.h"

using namespace loupe;
using namespace loupe::storage;

namespace {

std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

ImportOptions options() {
  ImportOptions o;
  o.labeler = "ann";
  o.source = "import:test";
  o.sourceFile = "sample.json";
  return o;
}

// The message (without file and field) importDataset refuses `box` on small.png (100x50) with.
std::string importRefusal(Project& p, const Box& box) {
  Dataset d;
  d.classes = {"dog"};
  d.annotations.push_back(test::boxOn("small.png", "dog", box));
  try {
    importDataset(p, d, options());
  } catch (const InputError& e) {
    return e.message();
  }
  return "(import accepted the box)";
}

// What `f` throws as std::invalid_argument, or a note that it threw nothing.
std::string refusal(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(accepted)";
}

// Every row of `sql` (its first `columns` columns) as one "a|b|c" line per row.
std::vector<std::string> rows(const Project& p, const std::string& sql, Id id) {
  const int columns = static_cast<int>(std::count(sql.begin(), sql.begin() + static_cast<std::ptrdiff_t>(sql.find(" FROM ")), ',')) + 1;
  auto st = p.connection().prepare(sql);
  st.bind(1, id);
  std::vector<std::string> out;
  while (st.step()) {
    std::string line;
    for (int c = 0; c < columns; ++c) line += (c ? "|" : "") + (st.isNull(c) ? "NULL" : st.text(c));
    out.push_back(line);
  }
  return out;
}

}  // namespace

class TestWriteRules : public QObject {
  Q_OBJECT
 private slots:
  void guiBoxWritesFollowImportsRule_data() {
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    QTest::addColumn<double>("w");
    QTest::addColumn<double>("h");
    QTest::addColumn<QString>("expected");
    QTest::newRow("beyond the right edge") << 90.0 << 0.0 << 20.0 << 10.0
                                           << "box outside the image: [x=90, y=0, w=20, h=10] in a 100x50 image";
    QTest::newRow("beyond the bottom edge") << 0.0 << 45.0 << 10.0 << 6.0
                                            << "box outside the image: [x=0, y=45, w=10, h=6] in a 100x50 image";
    QTest::newRow("left of the image") << -1.0 << 0.0 << 10.0 << 10.0
                                       << "box outside the image: [x=-1, y=0, w=10, h=10] in a 100x50 image";
    QTest::newRow("NaN x") << std::numeric_limits<double>::quiet_NaN() << 0.0 << 1.0 << 1.0
                           << "box x must be finite, not nan";
    QTest::newRow("infinite height") << 0.0 << 0.0 << 1.0 << std::numeric_limits<double>::infinity()
                                     << "box height must be finite, not inf";
    QTest::newRow("negative width") << 1.0 << 1.0 << -2.0 << 3.0 << "negative box size -2 x 3";
  }
  void guiBoxWritesFollowImportsRule() {
    QFETCH(double, x);
    QFETCH(double, y);
    QFETCH(double, w);
    QFETCH(double, h);
    QFETCH(QString, expected);
    const Box bad{x, y, w, h};
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project p = Project::create(file);
    importDataset(p, test::sampleDataset(), options());
    const Id small = p.itemByName("small.png")->item.id;
    const Id labeler = p.labelerByName("ann")->id;
    const Id dog = p.classByName("dog")->id;
    const Annotation stored = p.annotations(small).front();
    QVERIFY(stored.kind == AnnotationKind::Box);
    p.checkpoint();
    const std::vector<char> before = test::fileBytes(file);

    const std::string fromImport = importRefusal(p, bad);
    QCOMPARE(QString::fromStdString(fromImport), expected);
    const std::string message = "item 'small.png': " + fromImport;

    Annotation a;
    a.itemId = small;
    a.labelerId = labeler;
    a.classId = dog;
    a.kind = AnnotationKind::Box;
    a.box = bad;
    QCOMPARE(refusal([&] { p.addAnnotation(a); }), message);
    QCOMPARE(refusal([&] { p.setAnnotationBox(stored.id, bad); }), message);
    QCOMPARE(refusal([&] { p.updateAnnotation(stored.id, dog, bad); }), message);
    QCOMPARE(refusal([&] { p.replaceAnnotations(labeler, {a}, {small}); }), message);
    Annotation deleted = stored;
    deleted.box = bad;
    QCOMPARE(refusal([&] { p.restoreAnnotation(deleted); }), message);

    QVERIFY(p.annotations(small).front().box == stored.box);
    p.checkpoint();
    QCOMPARE(test::fileBytes(file), before);
  }

  void boxOnItemOfUnknownSizeChecksWhatImportChecks() {
    // A labels-only item has no size: like import, only the numbers and the top-left corner count.
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Id item = p.addItem({.name = "labels-only.png"});
    Annotation a;
    a.itemId = item;
    a.labelerId = p.addLabeler("ann", LabelerKind::Human).id;
    a.classId = p.addClass("dog").id;
    a.kind = AnnotationKind::Box;
    a.box = {5000, 5000, 10, 10};
    QVERIFY(p.addAnnotation(a).id > 0);
    a.box = {1e300, 0, 1, 1};
    QCOMPARE(refusal([&] { p.addAnnotation(a); }),
             std::string("item 'labels-only.png': box x 1e+300 is out of range (limit ±1e+06)"));
  }

  void itemRowsAreTheSameThroughEitherPath() {
    const DatasetImage img = test::pngImage("frames/a.png", 12, 7, Split::Val);
    DatasetImage external = test::pngImage("b.png", 3, 4, Split::Train);
    external.media->externalPath = "/images/b.png";
    external.media->bytes.clear();
    external.contentHash.clear();  // nothing to hash: the rule leaves it empty

    QTemporaryDir dir;
    Project viaApi = Project::create(pathIn(dir, "api.loupe"));
    Project viaImport = Project::create(pathIn(dir, "import.loupe"));
    for (const DatasetImage* d : {&img, static_cast<const DatasetImage*>(&external)}) {
      NewItem n;
      n.name = d->name;
      n.width = d->width;
      n.height = d->height;
      n.split = *d->split;
      n.source = "import:test";
      n.attributes = {{"light", "day"}, {"cam", "2"}};
      // The hash is left for storage to compute, as import's reader gives it: both must agree.
      n.media = NewMedia{d->media->bytes, d->media->externalPath, d->media->format, {}};
      viaApi.addItem(n);
    }
    Dataset data;
    data.images = {img, external};
    for (auto& i : data.images) i.attributes = {{"light", "day"}, {"cam", "2"}};
    importDataset(viaImport, data, options());

    for (const char* name : {"frames/a.png", "b.png"}) {
      const Id a = viaApi.itemByName(name)->item.id;
      const Id b = viaImport.itemByName(name)->item.id;
      const std::string items = "SELECT name, width, height, split, group_key, source, content_hash FROM items WHERE id = ?";
      const std::string media = "SELECT m.format, hex(m.bytes), m.external_path, m.sha256, m.size FROM media m "
                                "JOIN items i ON i.media_id = m.id WHERE i.id = ?";
      const std::string attributes = "SELECT key, value FROM item_attributes WHERE item_id = ? ORDER BY key";
      QCOMPARE(rows(viaApi, items, a), rows(viaImport, items, b));
      QCOMPARE(rows(viaApi, media, a), rows(viaImport, media, b));
      QCOMPARE(rows(viaApi, media, a).size(), std::size_t{1});
      QCOMPARE(rows(viaApi, attributes, a), rows(viaImport, attributes, b));
      QCOMPARE(rows(viaApi, attributes, a), (std::vector<std::string>{"cam|2", "light|day"}));
    }
    QCOMPARE(viaApi.item(viaApi.itemByName("frames/a.png")->item.id)->item.contentHash, img.contentHash);
    QCOMPARE(viaApi.item(viaApi.itemByName("b.png")->item.id)->item.contentHash, std::string());
  }

  void setAttributeWritesWhatImportWrites() {
    QTemporaryDir dir;
    Project viaApi = Project::create(pathIn(dir, "api.loupe"));
    Project viaImport = Project::create(pathIn(dir, "import.loupe"));
    Dataset data;
    data.images = {test::pngImage("a.png", 2, 2, Split::Train)};
    importDataset(viaApi, data, options());
    importDataset(viaImport, data, options());
    const Id a = viaApi.itemByName("a.png")->item.id;
    viaApi.setAttribute(a, "light", "night");
    viaApi.setAttribute(a, "light", "day");
    viaApi.setAttribute(a, "cam", "");
    data.images[0].attributes = {{"light", "day"}, {"cam", ""}};
    const ImportReport r = importDataset(viaImport, data, options());
    QCOMPARE(r.attributesSet, 2);
    const std::string attributes = "SELECT key, value FROM item_attributes WHERE item_id = ? ORDER BY key";
    QCOMPARE(rows(viaApi, attributes, a), rows(viaImport, attributes, viaImport.itemByName("a.png")->item.id));
    QCOMPARE(rows(viaApi, attributes, a), (std::vector<std::string>{"cam|", "light|day"}));
  }
};

QTEST_GUILESS_MAIN(TestWriteRules)
#include "test_write_rules.moc"
