#include <nlohmann/json.hpp>

#include <stdexcept>

#include "core/formats/registry.h"
#include "core/formats/sha256.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

// One task whose only result is a rectanglelabels box on a 200 x 100 image with `value` fields.
std::string lsBox(const std::string& value, const std::string& extra = "", const std::string& image = "a.png") {
  return "[{\"data\": {\"image\": \"" + image + "\"},\n \"annotations\": [{\"completed_by\": 1, \"result\": [\n"
         "  {\"type\": \"rectanglelabels\", \"original_width\": 200, \"original_height\": 100" + extra +
         ",\n   \"value\": {" + value + "}}]}]}]\n";
}
const std::string kFine = R"("x": 10, "y": 10, "width": 50, "height": 50, "rectanglelabels": ["car"])";

std::vector<DatasetAnnotation> of(const Dataset& d, const std::string& item, const std::string& labeler) {
  std::vector<DatasetAnnotation> out;
  for (const auto& a : d.annotations)
    if (a.item == item && a.labeler == labeler) out.push_back(a);
  return out;
}

}  // namespace

class TestLabelStudio : public QObject {
  Q_OBJECT
 private slots:
  // tasks.json: two annotators on street.png (640 x 480), a cancelled third, a prediction, an
  // upload-prefixed name, a URL, a two-label box and a polygon. Percent -> px by hand:
  //   ana:   car    x=10%*640=64      y=25%*480=120  w=50%*640=320       h=12.5%*480=60
  //   ls-12: car    x=10.15625%*640=65 y=120         w=49.84375%*640=319 h=60
  //          person x=87.5%*640=560   y=75%*480=360  w=12.5%*640=80      h=25%*480=120 (right/bottom edge)
  //   b.png (300 x 200): x=0.5%*300=1.5 y=50%*200=100 w=99.5%*300=298.5 h=50%*200=100, car and truck
  void readsAnnotatorsPercentsAndUploadNames() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("label-studio", fixture("label_studio/tasks.json")));
    QCOMPARE(d.images.size(), std::size_t(4));
    QCOMPARE(d.images[0].name, std::string("street.png"));  // "/data/upload/3/6b0a7f2c-" stripped
    QCOMPARE(d.images[0].width, 640);
    QCOMPARE(d.images[0].height, 480);
    QCOMPARE(d.images[1].name, std::string("frames/b.png"));
    QCOMPARE(d.images[2].name, std::string("c.jpg"));       // last component of the URL, no query
    QCOMPARE(d.images[2].width, 0);                          // only a choice: size unknown
    QCOMPARE(d.images[3].name, std::string("plain.png"));   // no hex prefix to strip; no annotations
    QCOMPARE(d.classes, (std::vector<std::string>{"car", "outdoor", "person", "truck", "indoor"}));
    QCOMPARE(d.annotations.size(), std::size_t(7));

    const auto ana = of(d, "street.png", "ana@example.com");  // the user object's email
    QCOMPARE(ana.size(), std::size_t(2));
    QVERIFY((ana[0].box == Box{64, 120, 320, 60}));
    QVERIFY(ana[0].kind == AnnotationKind::Box);
    QVERIFY(ana[1].kind == AnnotationKind::ImageLabel);
    QCOMPARE(ana[1].className, std::string("outdoor"));
    const auto second = of(d, "street.png", "ls-12");  // a bare user id
    QCOMPARE(second.size(), std::size_t(2));
    QVERIFY((second[0].box == Box{65, 120, 319, 60}));
    QVERIFY((second[1].box == Box{560, 360, 80, 120}));
    QVERIFY(of(d, "street.png", "ls-13").empty());  // was_cancelled

    const auto b = of(d, "frames/b.png", "ls-12");
    QCOMPARE(b.size(), std::size_t(2));
    QCOMPARE(b[0].className, std::string("car"));
    QCOMPARE(b[1].className, std::string("truck"));
    QVERIFY((b[1].box == Box{1.5, 100, 298.5, 100}));
    QCOMPARE(b[1].score.value_or(-1), 0.75);
    QCOMPARE(of(d, "c.jpg", "ls-7").at(0).className, std::string("indoor"));

    std::string warnings;
    for (const auto& w : d.warnings) warnings += w + "\n";
    QVERIFY2(warnings.find("1 cancelled annotations skipped") != std::string::npos, warnings.c_str());
    QVERIFY2(warnings.find("1 predictions skipped") != std::string::npos, warnings.c_str());
    QVERIFY2(warnings.find("1 results of type 'polygonlabels' skipped") != std::string::npos, warnings.c_str());
  }

  void roundTripKeepsBoxesLabelersAndImageLabels() {
    TempDir dir;
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("label-studio", fixture("label_studio/tasks.json")));
    LOUPE_NOTHROW(back = writeAndReadBack("label-studio", d, dir / "out.json"));
    LOUPE_NOTHROW(compareBoxes(d, back));  // to 1e-3 px
    QCOMPARE(back.images.size(), d.images.size());
    QCOMPARE(back.classes, d.classes);
    QCOMPARE(back.annotations.size(), d.annotations.size());
    for (std::size_t i = 0; i < d.annotations.size(); ++i) {
      QCOMPARE(back.annotations[i].item, d.annotations[i].item);
      QCOMPARE(back.annotations[i].labeler, d.annotations[i].labeler);
      QCOMPARE(back.annotations[i].className, d.annotations[i].className);
      QVERIFY(back.annotations[i].kind == d.annotations[i].kind);
    }
    for (std::size_t i = 0; i < d.images.size(); ++i) {
      QCOMPARE(back.images[i].name, d.images[i].name);
      QCOMPARE(back.images[i].width, d.images[i].width);
    }
    // What Label Studio reads: percentages, original sizes, user ids where the file had them.
    const auto json = nlohmann::json::parse(readBytes(dir / "out.json"));
    const auto& street = json[0]["annotations"];
    QCOMPARE(street.size(), std::size_t(2));  // one annotation per labeler
    QCOMPARE(street[0]["completed_by"]["email"].get<std::string>(), std::string("ana@example.com"));
    QCOMPARE(street[1]["completed_by"].get<int>(), 12);
    const auto& box = street[1]["result"][1];
    QCOMPARE(box["original_width"].get<int>(), 640);
    QCOMPARE(box["value"]["x"].get<double>(), 87.5);
    QCOMPARE(box["value"]["height"].get<double>(), 25.0);
    QCOMPARE(json[0]["data"]["image"].get<std::string>(), std::string("street.png"));
  }

  // Fractions that are not exact in percent (1/3 of a pixel on odd sizes) still come back to 1e-3.
  void awkwardSizesRoundTrip() {
    TempDir dir;
    Dataset d, back;
    d.images.push_back({.name = "odd.png", .width = 333, .height = 777});
    d.annotations.push_back({.item = "odd.png", .className = "c", .kind = AnnotationKind::Box,
                             .box = {1.0 / 3, 776.5, 332.6, 0.5}, .labeler = "ls-0"});
    d.annotations.push_back({.item = "odd.png", .className = "c", .kind = AnnotationKind::Box,
                             .box = {0, 0, 333, 777}, .score = 0.125, .labeler = "ls-007"});
    LOUPE_NOTHROW(back = writeAndReadBack("label-studio", d, dir / "o.json"));
    LOUPE_NOTHROW(compareBoxes(d, back));
    QCOMPARE(back.annotations[0].labeler, std::string("ls-0"));
    QCOMPARE(back.annotations[1].labeler, std::string("ls-007"));  // not a plain id: kept as an email field
  }

  void boxesNeedAKnownImageSizeToExport() {
    TempDir dir;
    Dataset d;
    d.images.push_back({.name = "x.png"});
    d.annotations.push_back({.item = "x.png", .className = "c", .kind = AnnotationKind::Box, .box = {1, 1, 1, 1}});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDataset("label-studio", d, dir / "o.json"));
    QVERIFY(!std::filesystem::exists(dir / "o.json"));
  }

  // The upload name is found beside the JSON, or under --images either as the item name or as
  // the prefixed name Label Studio stored it under (a copy of its media/upload/<project> folder).
  void findsImagesBesideTheFileAndUnderTheImagesFolder() {
    TempDir dir;
    writeTestImage(dir / "json/a.png", 200, 100);
    writeTestImage(dir / "media/6b0a7f2c-b.png", 200, 100);
    writeTestImage(dir / "media/c.png", 200, 100);
    writeText(dir / "json/t.json",
              R"([{"data": {"image": "/data/upload/3/0123abcd-a.png"}}, {"data": {"image": "/data/upload/3/6b0a7f2c-b.png"}},
                  {"data": {"image": "c.png"}}, {"data": {"image": "d.png"}}])");
    ReadOptions options;
    options.imagesDir = dir / "media";
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("label-studio", dir / "json/t.json", options));
    QCOMPARE(d.images[0].contentHash, sha256Hex(readBytes(dir / "json/a.png")));
    QCOMPARE(d.images[1].name, std::string("b.png"));
    QCOMPARE(d.images[1].contentHash, sha256Hex(readBytes(dir / "media/6b0a7f2c-b.png")));
    QCOMPARE(d.images[1].width, 200);  // measured from the file: no result gave a size
    QVERIFY(d.images[2].media.has_value());
    QVERIFY(!d.images[3].media.has_value());
    LOUPE_NOTHROW(d = readDataset("label-studio", dir / "json/t.json"));
    QVERIFY(!d.images[1].media.has_value());  // without --images
  }

  void badInputNamesFileLineAndField() {
    TempDir dir;
    const auto bad = badInputReader("label-studio", dir / "bad.json");
    LOUPE_NOTHROW(expectInputError(bad(lsBox(kFine + ", \"rotation\": 30")),
                                   {"bad.json:4: [0].annotations[0].result[0].value.rotation", "rotated box (30 degrees)"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(kFine, ", \"image_rotation\": 90")),
                                   {"[0].annotations[0].result[0].image_rotation", "rotated"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": 120, "y": 0, "width": 1, "height": 1, "rectanglelabels": ["car"])")),
                                   {"value.x: 120 is not a percentage of the image size (expected 0..100)"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": 60, "y": 0, "width": 50, "height": 1, "rectanglelabels": ["car"])")),
                                   {"value.width: box outside the image: [x=120, y=0, w=100, h=1] in a 200x100 image"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": 1, "y": 0, "width": -5, "height": 1, "rectanglelabels": ["car"])")),
                                   {"value.width", "not a percentage"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": "1", "y": 0, "width": 5, "height": 1, "rectanglelabels": ["car"])")),
                                   {"value.x: expected a number, found a string"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": 1, "y": 0, "width": 5, "height": 1, "rectanglelabels": [])")),
                                   {"value.rectanglelabels: no label"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(R"("x": 1, "y": 0, "width": 5, "height": 1)")),
                                   {"value.rectanglelabels: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(kFine, ", \"score\": 1.5")), {"result[0].score: score 1.5 is not in [0, 1]"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(kFine, "", "../etc/passwd")), {"bad.json:1: [0].data.image", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad(lsBox(kFine, "", "/etc/passwd")), {"[0].data.image"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "/data/upload/1/../../x.png"}}])"), {"[0].data.image", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}},
                                          {"data": {"image": "./a.png"}}])"),
                                   {"bad.json:2: [1].data.image: 'a.png' is also the image of task [0]"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"img": "a.png"}}])"), {"[0].data.image: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(R"({"data": {"image": "a.png"}})"), {"bad.json:1: (root): expected an array"}));
    LOUPE_NOTHROW(expectInputError(bad("[{\"data\": \n{\"image\": \"a.png\"}"), {"bad.json:2:", "malformed JSON"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}, "annotations": [{"completed_by": true, "result": []}]}])"),
                                   {"[0].annotations[0].completed_by: expected a user id or a user object, found a boolean"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}, "annotations": [{"result": {}}]}])"),
                                   {"[0].annotations[0].result: expected an array, found an object"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}, "annotations": [{"was_cancelled": 1, "result": []}]}])"),
                                   {"[0].annotations[0].was_cancelled: expected a boolean"}));
    // Two results of one task that disagree on the image size: the percentages would not agree.
    LOUPE_NOTHROW(expectInputError(
        bad(R"([{"data": {"image": "a.png"}, "annotations": [{"result": [
          {"type": "rectanglelabels", "original_width": 200, "original_height": 100, "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["a"]}},
          {"type": "rectanglelabels", "original_width": 201, "original_height": 100, "value": {"x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["a"]}}]}]}])"),
        {"bad.json:3: [0].annotations[0].result[1].original_width: image size 201x100 differs from 200x100"}));
  }
};

LOUPE_REGISTER_SUITE(TestLabelStudio);
#include "test_label_studio.moc"
