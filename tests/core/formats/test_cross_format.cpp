#include "core/formats/registry.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

// The same boxes through every writer and back: each format's convention (absolute COCO
// corners, normalised YOLO centres, 1-based inclusive VOC corners, CSV pixels, Label Studio
// percentages, CVAT corners) must invert exactly, on non-square images and with boxes touching every edge.
class TestCrossFormat : public QObject {
  Q_OBJECT
 private slots:
  void everyWriterRoundTripsTheSameBoxes() {
    TempDir dir;
    writeTestImage(dir / "src/images/wide.png", 300, 120);
    writeTestImage(dir / "src/images/tall/t.png", 50, 170);
    writeText(dir / "src/coco.json", R"({
      "images": [{"id": 5, "file_name": "wide.png", "width": 300, "height": 120},
                 {"id": 9, "file_name": "tall/t.png", "width": 50, "height": 170}],
      "categories": [{"id": 3, "name": "car"}, {"id": 1, "name": "bike"}],
      "annotations": [
        {"image_id": 5, "category_id": 3, "bbox": [0, 0, 300, 120]},
        {"image_id": 5, "category_id": 1, "bbox": [299, 119, 1, 1]},
        {"image_id": 5, "category_id": 1, "bbox": [12.375, 7.5, 100.125, 3.25], "score": 0.625},
        {"image_id": 9, "category_id": 3, "bbox": [0, 33.3, 50, 136.7]}]})");
    Dataset source;
    LOUPE_NOTHROW(source = readDataset("coco", dir / "src/coco.json"));
    QCOMPARE(source.images.size(), std::size_t(2));
    QVERIFY(source.images[1].media.has_value());
    for (const auto& [format, out] : std::vector<std::pair<std::string, std::string>>{
             {"coco", "o.json"}, {"csv", "o.csv"}, {"yolo", "yolo"}, {"voc", "voc"},
             {"label-studio", "o.ls.json"}, {"cvat", "o.xml"}}) {
      Dataset back;
      LOUPE_NOTHROW(back = writeAndReadBack(format, source, dir / out));
      try {
        compareBoxes(source, back);
      } catch (const std::exception& e) {
        QFAIL((format + ": " + e.what()).c_str());
      }
      if (format == "yolo" || format == "voc")
        for (const auto& image : source.images) {
          const DatasetImage* copy = findImage(back, image.name);
          QVERIFY2(copy && copy->contentHash == image.contentHash, (format + " " + image.name).c_str());
        }
    }
  }
};

LOUPE_REGISTER_SUITE(TestCrossFormat);
#include "test_cross_format.moc"
