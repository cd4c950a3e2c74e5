#include <nlohmann/json.hpp>

#include "core/formats/registry.h"
#include "core/formats/sha256.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

std::string cocoWith(const std::string& images, const std::string& annotations) {
  return R"({"images": [)" + images + R"(], "categories": [{"id": 4, "name": "cat"}], "annotations": [)" +
         annotations + "]}";
}
const std::string kOneImage = R"({"id": 1, "file_name": "a.png", "width": 640, "height": 480})";

}  // namespace

class TestCoco : public QObject {
  Q_OBJECT
 private slots:
  void keepsFileCategoryIdsAndBoxes() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("coco", fixture("coco/instances.json")));
    QCOMPARE(d.classes, (std::vector<std::string>{"person", "bicycle", "dog"}));
    QCOMPARE(d.classFileIds.at("person"), std::int64_t(0));
    QCOMPARE(d.classFileIds.at("bicycle"), std::int64_t(7));
    QCOMPARE(d.classFileIds.at("dog"), std::int64_t(12));
    QCOMPARE(d.images.size(), std::size_t(3));
    QCOMPARE(d.images[0].name, std::string("frames/wide.png"));
    QCOMPARE(d.images[0].width, 640);
    QCOMPARE(d.images[1].height, 320);
    QVERIFY(!d.images[0].media.has_value());  // no image files beside this JSON

    const auto wide = boxesOf(d, "frames/wide.png");
    QCOMPARE(wide.size(), std::size_t(2));
    QCOMPARE(wide[0].className, std::string("bicycle"));
    QVERIFY((wide[0].box == Box{0, 0, 640, 360}));
    QCOMPARE(wide[1].className, std::string("person"));
    QVERIFY((wide[1].box == Box{600.5, 300.25, 39.5, 59.75}));  // touches right and bottom edges
    QVERIFY(wide[1].flags.empty());  // area == w*h is not kept

    const auto tall = boxesOf(d, "tall.jpg");
    QCOMPARE(tall[0].flags.at("iscrowd"), std::string("1"));
    QCOMPARE(tall[0].flags.at("area"), std::string("900"));  // a segmentation area, not 30*40
    QVERIFY((tall[1].box == Box{0, 280, 240, 40}));
    QCOMPARE(d.warnings.size(), std::size_t(1));
    QVERIFY(d.warnings[0].find("1 segmentation") != std::string::npos);
  }

  void roundTripKeepsIdsBoxesAndFlags() {
    TempDir dir;
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("coco", fixture("coco/instances.json")));
    LOUPE_NOTHROW(back = writeAndReadBack("coco", d, dir / "out.json"));
    LOUPE_NOTHROW(compareBoxes(d, back));
    QCOMPARE(back.classFileIds, d.classFileIds);
    QCOMPARE(back.classes, d.classes);
    QCOMPARE(back.images.size(), d.images.size());
    for (std::size_t i = 0; i < d.images.size(); ++i) {
      QCOMPARE(back.images[i].name, d.images[i].name);
      QCOMPARE(back.images[i].width, d.images[i].width);
      QCOMPARE(back.images[i].height, d.images[i].height);
    }
    const auto json = nlohmann::json::parse(readBytes(dir / "out.json"));
    QCOMPARE(json["annotations"][2]["area"].get<double>(), 900.0);
    QCOMPARE(json["annotations"][1]["area"].get<double>(), 39.5 * 59.75);
  }

  void newClassesGetTheNextFreeId() {
    TempDir dir;
    Dataset d;
    d.images.push_back({.name = "a.png", .width = 10, .height = 10});
    d.classes = {"cat"};
    d.classFileIds = {{"cat", 5}};
    d.annotations.push_back({.item = "a.png", .className = "cat", .kind = AnnotationKind::Box, .box = {1, 1, 2, 2}});
    d.annotations.push_back({.item = "a.png", .className = "dog", .kind = AnnotationKind::Box, .box = {0, 0, 10, 10}});
    d.annotations.push_back({.item = "a.png", .className = "indoor"});  // image label: not COCO
    LOUPE_NOTHROW(writeDataset("coco", d, dir / "o.json"));
    const auto json = nlohmann::json::parse(readBytes(dir / "o.json"));
    QCOMPARE(json["categories"].size(), std::size_t(2));
    QCOMPARE(json["categories"][1]["id"].get<int>(), 6);
    QCOMPARE(json["annotations"].size(), std::size_t(2));
    QCOMPARE(json["annotations"][1]["category_id"].get<int>(), 6);
  }

  void labelsOnlyItemsRoundTripWithUnknownSize() {
    TempDir dir;
    Dataset d, back;
    d.images.push_back({.name = "sheet-row-1"});
    d.annotations.push_back({.item = "sheet-row-1", .className = "cat", .kind = AnnotationKind::Box, .box = {5, 6, 7, 8}});
    LOUPE_NOTHROW(back = writeAndReadBack("coco", d, dir / "o.json"));
    QCOMPARE(back.images.at(0).width, 0);
    LOUPE_NOTHROW(compareBoxes(d, back));
  }

  void resultsNeedTheirImagesFile() {
    Dataset d;
    ReadOptions options;
    options.cocoImagesFile = fixture("coco/instances.json");
    LOUPE_NOTHROW(d = readDataset("coco", fixture("coco/results.json"), options));
    QCOMPARE(d.images.size(), std::size_t(3));
    QCOMPARE(d.annotations.size(), std::size_t(2));  // the images file's own boxes are not results
    QCOMPARE(d.annotations[0].item, std::string("frames/wide.png"));
    QCOMPARE(d.annotations[0].className, std::string("bicycle"));
    QVERIFY((d.annotations[0].box == Box{1, 2, 3, 4}));
    QCOMPARE(d.annotations[0].score.value_or(-1), 0.9);
    QCOMPARE(d.annotations[1].className, std::string("dog"));
    QCOMPARE(d.annotations[1].score.value_or(-1), 0.25);
    LOUPE_NOTHROW(expectInputError([] { readDataset("coco", fixture("coco/results.json")); },
                                   {"results.json", "need the COCO file"}));
  }

  void attachesImagesFoundBesideTheJson() {
    TempDir dir;
    writeTestImage(dir / "images/a.png", 64, 36);
    writeText(dir / "c.json", R"({"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 36},
      {"id": 2, "file_name": "b.png", "width": 8, "height": 8}], "categories": [], "annotations": []})");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("coco", dir / "c.json"));
    QVERIFY(d.images[0].media.has_value());
    QCOMPARE(d.images[0].media->format, std::string("png"));
    QCOMPARE(d.images[0].contentHash, sha256Hex(readBytes(dir / "images/a.png")));
    QVERIFY(!d.images[1].media.has_value());
    QVERIFY(d.warnings.empty());
  }

  void badInputNamesJsonPathAndLine() {
    TempDir dir;
    const auto bad = badInputReader("coco", dir / "bad.json");
    LOUPE_NOTHROW(expectInputError(bad("{\n  \"images\": [],\n  \"categories\": [] \"annotations\": []\n}\n"),
                                   {"bad.json:3:", "malformed JSON"}));
    LOUPE_NOTHROW(expectInputError(bad("{\"images\": [\n"), {"bad.json:2:", "malformed JSON"}));
    LOUPE_NOTHROW(expectInputError(
        bad(cocoWith(kOneImage, R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1, 1]},
                                  {"image_id": 1, "category_id": 5, "bbox": [0, 0, 1, 1]})")),
        {"bad.json:2: annotations[1].category_id: unknown category id 5"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(kOneImage, R"({"image_id": 2, "category_id": 4, "bbox": [0, 0, 1, 1]})")),
                                   {"annotations[0].image_id: unknown image id 2"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(kOneImage, R"({"image_id": 1, "category_id": 4, "bbox": [630, 0, 20, 10]})")),
                                   {"annotations[0].bbox: box outside the image"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(kOneImage, R"({"image_id": 1, "category_id": 4, "bbox": [0, 0, 1]})")),
                                   {"annotations[0].bbox: expected [x, y, width, height]"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(kOneImage, R"({"image_id": 1, "category_id": 4, "bbox": [0, "0", 1, 1]})")),
                                   {"annotations[0].bbox: expected a number"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(R"({"id": 1, "file_name": "../x.png", "width": 4, "height": 4})", "")),
                                   {"images[0].file_name", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(kOneImage + "," + kOneImage, "")), {"images[1].id: duplicate image id 1"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(R"({"id": 1, "file_name": "a.png", "height": 4})", "")),
                                   {"images[0].width: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(R"({"images": [], "annotations": []})"), {"categories: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(cocoWith(R"({"id": 1, "file_name": "a.png", "width": 4, "height": 0})", "")),
                                   {"images[0].height: image size must be positive"}));
  }

  void semanticErrorsNameTheLineOfTheValue() {
    TempDir dir;
    const auto original = readBytes(fixture("coco/instances.json"));
    const std::string text(original.begin(), original.end());
    const auto edited = [&](const std::string& from, const std::string& to) {
      std::string copy = text;
      copy.replace(copy.find(from), from.size(), to);
      writeText(dir / "edited.json", copy);
      return [&] { readDataset("coco", dir / "edited.json"); };
    };
    LOUPE_NOTHROW(expectInputError(edited("\"category_id\": 12", "\"category_id\": 13"),
                                   {"edited.json:16: annotations[2].category_id: unknown category id 13"}));
    LOUPE_NOTHROW(expectInputError(edited("[0, 280, 240, 40]", "[0, 281, 240, 40]"),
                                   {"edited.json:18: annotations[3].bbox: box outside the image"}));
    LOUPE_NOTHROW(expectInputError(edited("\"height\": 320", "\"height\": \"320\""),
                                   {"edited.json:5: images[1].height: expected an integer, found a string"}));
  }

  void truncatedImageBesideTheJsonIsAnError() {
    TempDir dir;
    writeTestImage(dir / "a.jpg", 32, 16);
    auto bytes = readBytes(dir / "a.jpg");
    bytes.resize(bytes.size() / 2);
    writeBytes(dir / "a.jpg", bytes);
    writeText(dir / "c.json", R"({"images": [{"id": 1, "file_name": "a.jpg", "width": 32, "height": 16}],
      "categories": [], "annotations": []})");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); }, {"a.jpg", "truncated JPEG"}));
  }
};

LOUPE_REGISTER_SUITE(TestCoco);
#include "test_coco.moc"
