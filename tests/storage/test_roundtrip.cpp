// import -> export -> import through real project files, per format: every box survives to
// 1e-3 px with its class, item and image size, and re-importing the export adds nothing.
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>

#include "core/formats/registry.h"
#include "storage/transfer/import.h"
#include "tests/storage/sample_dataset.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
struct StoredBox {
  std::string item;
  std::string cls;
  Box box;
};

std::vector<StoredBox> storedBoxes(const Project& p) {
  std::vector<StoredBox> out;
  p.reads().forEachBox([&](const Annotation& a) {
    out.push_back({p.items().byId(a.itemId)->item.name, p.classes().byId(a.classId)->name, a.box});
  });
  std::sort(out.begin(), out.end(), [](const StoredBox& a, const StoredBox& b) {
    return std::tie(a.item, a.cls, a.box.x, a.box.y) < std::tie(b.item, b.cls, b.box.x, b.box.y);
  });
  return out;
}

ImportOptions importAs(const std::string& format, const std::string& file) {
  ImportOptions o;
  o.labeler = "ann";
  o.source = "import:" + format;
  o.sourceFile = file;
  return o;
}
}  // namespace

class TestRoundTrip : public QObject {
  Q_OBJECT
 private slots:
  void roundTrip_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("out");
    QTest::newRow("coco") << "coco" << "instances.json";
    QTest::newRow("yolo") << "yolo" << "yolo";
    QTest::newRow("voc") << "voc" << "voc";
    QTest::newRow("csv") << "csv" << "boxes.csv";
  }
  void roundTrip() {
    QFETCH(QString, format);
    QFETCH(QString, out);
    const std::string fmt = format.toStdString();
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    const auto exported = root / out.toStdString();

    Project first = Project::create(root / "first.loupe");
    importDataset(first, test::sampleDataset(), importAs("test", "sample"));
    const bool csv = fmt == "csv";
    writeDataset(fmt, exportDataset(first, {.labeler = "ann", .withMedia = !csv}), exported);

    const Dataset reread = readDataset(fmt, exported);
    Project second = Project::create(root / "second.loupe");
    const ImportReport r = importDataset(second, reread, importAs(fmt, exported.string()));
    QCOMPARE(r.annotationsAdded, 6);

    const auto expected = storedBoxes(first);
    const auto actual = storedBoxes(second);
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      QCOMPARE(actual[i].item, expected[i].item);
      QCOMPARE(actual[i].cls, expected[i].cls);
      QVERIFY2(std::abs(actual[i].box.x - expected[i].box.x) < 1e-3, actual[i].item.c_str());
      QVERIFY2(std::abs(actual[i].box.y - expected[i].box.y) < 1e-3, actual[i].item.c_str());
      QVERIFY2(std::abs(actual[i].box.w - expected[i].box.w) < 1e-3, actual[i].item.c_str());
      QVERIFY2(std::abs(actual[i].box.h - expected[i].box.h) < 1e-3, actual[i].item.c_str());
    }
    if (!csv) {
      // COCO carries image sizes; YOLO and VOC exports also carry the images, byte for byte.
      const bool withImages = fmt == "yolo" || fmt == "voc";
      for (const char* name : {"frames/wide.png", "tall.png", "small.png"}) {
        const auto a = first.items().byName(name);
        const auto b = second.items().byName(name);
        QVERIFY2(b, name);
        QCOMPARE(b->item.width, a->item.width);
        QCOMPARE(b->item.height, a->item.height);
        if (withImages) QCOMPARE(b->item.contentHash, a->item.contentHash);
        if (withImages) QCOMPARE(second.items().media(b->item.id)->bytes, first.items().media(a->item.id)->bytes);
      }
    }
    if (fmt == "coco") QCOMPARE(second.classes().fileId(second.classes().byName("bicycle")->id).value_or(-1), 7);
    // The export re-imported into the project it came from is recognised as what is there.
    const ImportReport again = importDataset(first, reread, importAs(fmt, exported.string()));
    QCOMPARE(again.annotationsAdded, 0);
    QCOMPARE(again.itemsAdded, 0);
  }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "test_roundtrip.moc"
