#include "core/formats/registry.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

// Flat layout; expected pixel boxes hand-computed in the test below.
void makeFlatYolo(const TempDir& dir) {
  writeText(dir / "classes.txt", "cat\ndog\n");
  writeTestImage(dir / "wide.png", 200, 100);
  writeText(dir / "wide.txt", "1 0.5 0.5 1 1\n0 0.1 0.2 0.2 0.4\n\n0 0.9 0.75 0.2 0.5 0.8\n");
  writeTestImage(dir / "sub/tall.jpg", 30, 60);
  writeText(dir / "sub/tall.txt", "");
  writeTestImage(dir / "nolabel.bmp", 10, 10);
}

}  // namespace

class TestYolo : public QObject {
  Q_OBJECT
 private slots:
  void readsNormalisedBoxesAsPixels() {
    TempDir dir;
    makeFlatYolo(dir);
    writeText(dir / "orphan.txt", "0 0.5 0.5 0.1 0.1\n");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("yolo", dir.path()));
    QCOMPARE(d.classes, (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(d.images.size(), std::size_t(3));
    QVERIFY(findImage(d, "sub/tall.jpg") && findImage(d, "nolabel.bmp"));
    QCOMPARE(findImage(d, "wide.png")->width, 200);
    const auto boxes = boxesOf(d, "wide.png");
    QCOMPARE(boxes.size(), std::size_t(3));
    QCOMPARE(boxes[0].className, std::string("dog"));
    QVERIFY((boxes[0].box == Box{0, 0, 200, 100}));  // the whole image
    QCOMPARE(boxes[1].className, std::string("cat"));
    QVERIFY((boxes[1].box == Box{0, 0, 40, 40}));  // cx 0.1*200=20, w 0.2*200=40 -> x 0
    QVERIFY((boxes[2].box == Box{160, 50, 40, 50}));  // touches the right and bottom edges
    QCOMPARE(boxes[2].score.value_or(-1), 0.8);
    QCOMPARE(boxes[2].sourceLine, 4);
    QVERIFY(boxesOf(d, "sub/tall.jpg").empty());
    QCOMPARE(d.warnings.size(), std::size_t(1));
    QVERIFY(d.warnings[0].find("orphan.txt") != std::string::npos);
  }

  void readsTheImagesLabelsLayout() {
    TempDir dir;
    writeText(dir / "labels/classes.txt", "person\n");
    writeTestImage(dir / "images/train/a.png", 64, 32);
    writeText(dir / "labels/train/a.txt", "0 0.25 0.5 0.5 1\n");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("yolo", dir.path()));
    QCOMPARE(d.images.size(), std::size_t(1));
    QCOMPARE(d.images[0].name, std::string("train/a.png"));
    QVERIFY((boxesOf(d, "train/a.png").at(0).box == Box{0, 0, 32, 32}));
    QVERIFY(d.warnings.empty());
  }

  void roundTripKeepsBoxesAndClassOrder() {
    TempDir dir;
    makeFlatYolo(dir);
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("yolo", dir.path()));
    d.classes = {"zebra", "cat", "dog"};  // a class without boxes keeps its line
    d.annotations.push_back({.item = "nolabel.bmp", .className = "cat"});  // image label: not YOLO
    LOUPE_NOTHROW(back = writeAndReadBack("yolo", d, dir / "out"));
    QCOMPARE(back.classes, d.classes);
    LOUPE_NOTHROW(compareBoxes(d, back));
    QCOMPARE(back.images.size(), d.images.size());
    for (const auto& image : d.images) {
      const DatasetImage* copy = findImage(back, image.name);
      QVERIFY2(copy, image.name.c_str());
      QCOMPARE(copy->contentHash, image.contentHash);
      QCOMPARE(copy->width, image.width);
    }
    QCOMPARE(readBytes(dir / "out/sub/tall.txt").size(), std::size_t(0));
    // Exporting again over the same folder replaces it completely.
    LOUPE_NOTHROW(back = writeAndReadBack("yolo", back, dir / "out"));
    LOUPE_NOTHROW(compareBoxes(d, back));
  }

  void failedExportLeavesThePreviousOneIntact() {
    TempDir dir;
    makeFlatYolo(dir);
    Dataset good, broken, back;
    LOUPE_NOTHROW(good = readDataset("yolo", dir.path()));
    LOUPE_NOTHROW(writeDataset("yolo", good, dir / "out"));
    broken.images.push_back({.name = "a.png", .width = 10, .height = 10});
    broken.annotations.push_back({.item = "a.png", .className = "cat", .kind = AnnotationKind::Box, .box = {0, 0, 1, 1}});
    // Boxes need their image: an item with boxes but no media cannot be exported.
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDataset("yolo", broken, dir / "out"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDataset("yolo", broken, dir / "fresh"));
    QVERIFY(!std::filesystem::exists(dir / "fresh"));
    LOUPE_NOTHROW(back = readDataset("yolo", dir / "out"));
    LOUPE_NOTHROW(compareBoxes(good, back));
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))  // no temporary left behind
      QVERIFY2(entry.path().filename().string().front() != '.', entry.path().c_str());
  }

  void badInputNamesFileLineAndField() {
    TempDir dir;
    makeFlatYolo(dir);
    const auto withLabels = [&](const std::string& text) {
      writeText(dir / "wide.txt", text);
      return [&] { readDataset("yolo", dir.path()); };
    };
    LOUPE_NOTHROW(expectInputError(withLabels("0 0.5 0.5 0.1 0.1\n2 0.5 0.5 0.1 0.1\n"),
                                   {"wide.txt:2: class: unknown class id 2"}));
    LOUPE_NOTHROW(expectInputError(withLabels("0 0.95 0.5 0.2 0.2\n"), {"wide.txt:1:", "box outside the image"}));
    LOUPE_NOTHROW(expectInputError(withLabels("0 0.5 0.5 0.2\n"), {"wide.txt:1:", "found 4 fields"}));
    LOUPE_NOTHROW(expectInputError(withLabels("0 0.5 half 0.2 0.2\n"), {"wide.txt:1: cy: not a number"}));
    LOUPE_NOTHROW(expectInputError(withLabels("cat 0.5 0.5 0.2 0.2\n"), {"wide.txt:1: class: not an integer"}));
    withLabels("");
    auto bytes = readBytes(dir / "wide.png");
    bytes.resize(bytes.size() / 2);
    writeBytes(dir / "wide.png", bytes);
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir.path()); }, {"wide.png", "truncated PNG"}));
    std::filesystem::remove(dir / "classes.txt");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir.path()); }, {"classes.txt", "missing"}));
    writeText(dir / "classes.txt", "cat\n\ndog\n");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir.path()); }, {"classes.txt:2:", "empty class name"}));
  }
};

LOUPE_REGISTER_SUITE(TestYolo);
#include "test_yolo.moc"
