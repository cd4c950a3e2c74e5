#include <pugixml.hpp>

#include "core/formats/registry.h"
#include "core/formats/sha256.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

// A CVAT file with the labels car and indoor and one 100 x 80 image holding `shapes`.
std::string cvatWith(const std::string& shapes, const std::string& image = R"(name="a.png" width="100" height="80")") {
  return "<annotations>\n<version>1.1</version>\n<meta><task><labels><label><name>car</name></label>"
         "<label><name>indoor</name></label></labels></task></meta>\n<image id=\"0\" " +
         image + ">\n" + shapes + "\n</image>\n</annotations>\n";
}
const std::string kCorners = R"(xtl="1" ytl="2" xbr="10" ybr="20")";

}  // namespace

class TestCvat : public QObject {
  Q_OBJECT
 private slots:
  // annotations.xml: a project and a task merged (their label lists repeat), three images of two
  // tasks (two with id 0), one image without annotations, z_order, occluded, a tag, a score
  // attribute, a polygon and a video track. Corners by hand: x = xtl, w = xbr - xtl:
  //   car    10.5,20 .. 110.25,70  -> x=10.5 y=20 w=99.75 h=50
  //   person 0,0 .. 640,480        -> the whole 640 x 480 image
  //   person 0,25 .. 99.5,50       -> x=0 y=25 w=99.5 h=25
  void readsImagesBoxesTagsAndFlags() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("cvat", fixture("cvat/annotations.xml")));
    QCOMPARE(d.classes, (std::vector<std::string>{"car", "person", "indoor"}));
    QCOMPARE(d.images.size(), std::size_t(3));
    QCOMPARE(d.images[0].name, std::string("a.png"));
    QCOMPARE(d.images[0].width, 640);
    QVERIFY(d.images[0].split.value_or(Split::Unassigned) == Split::Train);
    QCOMPARE(d.images[1].name, std::string("sub/b.png"));  // listed without annotations: kept
    QCOMPARE(d.images[1].height, 240);
    QVERIFY(!d.images[1].split.has_value());
    QVERIFY(d.images[2].split.value_or(Split::Unassigned) == Split::Val);
    QVERIFY(boxesOf(d, "sub/b.png").empty());

    const auto a = boxesOf(d, "a.png");
    QCOMPARE(a.size(), std::size_t(2));
    QVERIFY((a[0].box == Box{10.5, 20, 99.75, 50}));
    QCOMPARE(a[0].flags.at("occluded"), std::string("1"));
    QCOMPARE(a[0].flags.at("z_order"), std::string("2"));
    QCOMPARE(a[0].flags.at("attribute:color"), std::string("red"));
    QCOMPARE(a[0].sourceLine, 25);
    QVERIFY((a[1].box == Box{0, 0, 640, 480}));
    QVERIFY(a[1].flags.empty());  // manual, not occluded, z_order 0: the defaults
    QVERIFY(a[0].labeler.empty());  // CVAT names no annotator: the import's --labeler
    const auto c = boxesOf(d, "c.png");
    QCOMPARE(c.size(), std::size_t(1));
    QVERIFY((c[0].box == Box{0, 25, 99.5, 25}));
    QCOMPARE(c[0].flags.at("source"), std::string("auto"));
    QCOMPARE(c[0].flags.at("z_order"), std::string("-1"));
    QCOMPARE(c[0].score.value_or(-1), 0.9);

    std::size_t tags = 0;
    for (const auto& x : d.annotations)
      if (x.kind == AnnotationKind::ImageLabel) {
        ++tags;
        QCOMPARE(x.item, std::string("a.png"));
        QCOMPARE(x.className, std::string("indoor"));
      }
    QCOMPARE(tags, std::size_t(1));
    std::string warnings;
    for (const auto& w : d.warnings) warnings += w + "\n";
    QVERIFY2(warnings.find("1 tracks skipped") != std::string::npos, warnings.c_str());
    QVERIFY2(warnings.find("1 <polygon> shapes skipped") != std::string::npos, warnings.c_str());
  }

  void roundTripIsLossless() {
    TempDir dir;
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("cvat", fixture("cvat/annotations.xml")));
    LOUPE_NOTHROW(back = writeAndReadBack("cvat", d, dir / "out.xml"));
    LOUPE_NOTHROW(compareBoxes(d, back));  // boxes to 1e-3 px, scores, every flag
    QCOMPARE(back.classes, d.classes);
    QCOMPARE(back.annotations.size(), d.annotations.size());
    QCOMPARE(back.images.size(), d.images.size());
    for (std::size_t i = 0; i < d.images.size(); ++i) {
      QCOMPARE(back.images[i].name, d.images[i].name);
      QCOMPARE(back.images[i].width, d.images[i].width);
      QCOMPARE(back.images[i].height, d.images[i].height);
      QVERIFY(back.images[i].split == d.images[i].split);
    }
    // Valid CVAT 1.1: version, labels in <meta>, ids 0..N-1, corners as CVAT writes them.
    pugi::xml_document doc;
    QVERIFY(doc.load_file((dir / "out.xml").c_str()));
    const pugi::xml_node root = doc.child("annotations");
    QCOMPARE(std::string(root.child("version").child_value()), std::string("1.1"));
    QCOMPARE(std::string(root.child("meta").child("task").child("labels").first_child().child("name").child_value()),
             std::string("car"));
    const pugi::xml_node second = root.child("image").next_sibling("image");
    QCOMPARE(second.attribute("id").as_int(), 1);
    QVERIFY(!second.first_child());  // still listed, with nothing in it
    const pugi::xml_node box = root.child("image").child("box");
    QCOMPARE(std::string(box.attribute("xbr").value()), std::string("110.25"));
    QCOMPARE(std::string(box.attribute("z_order").value()), std::string("2"));
    QCOMPARE(std::string(box.attribute("occluded").value()), std::string("1"));
  }

  void labelsOnlyItemsAndLabelsFromTheAnnotations() {
    TempDir dir;
    Dataset d, back;
    d.images.push_back({.name = "x & <y>.png"});  // size unknown: written 0 x 0
    d.annotations.push_back({.item = "x & <y>.png", .className = "a\"b", .kind = AnnotationKind::Box, .box = {1, 2, 3, 4}});
    d.annotations.push_back({.item = "x & <y>.png", .className = "scene"});
    LOUPE_NOTHROW(back = writeAndReadBack("cvat", d, dir / "o.xml"));
    QCOMPARE(back.images.at(0).name, d.images[0].name);
    QCOMPARE(back.images.at(0).width, 0);
    QCOMPARE(back.classes, (std::vector<std::string>{"a\"b", "scene"}));
    LOUPE_NOTHROW(compareBoxes(d, back));
    QVERIFY(back.annotations.at(1).kind == AnnotationKind::ImageLabel);
  }

  void findsImagesBesideTheFileOrUnderTheImagesFolder() {
    TempDir dir;
    writeTestImage(dir / "x/sub/b.png", 320, 240);
    writeTestImage(dir / "pics/a.png", 640, 480);
    std::filesystem::copy_file(fixture("cvat/annotations.xml"), dir / "x/annotations.xml");
    ReadOptions options;
    options.imagesDir = dir / "pics";
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("cvat", dir / "x/annotations.xml", options));
    QCOMPARE(d.images[0].contentHash, sha256Hex(readBytes(dir / "pics/a.png")));
    QCOMPARE(d.images[1].contentHash, sha256Hex(readBytes(dir / "x/sub/b.png")));
    QVERIFY(!d.images[2].media.has_value());
  }

  void badInputNamesFileLineAndAttribute() {
    TempDir dir;
    const auto bad = badInputReader("cvat", dir / "bad.xml");
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("<box label=\"truck\" " + kCorners + "/>")),
                                   {"bad.xml:5: <image>[0]/box[0]/@label: unknown label 'truck' (not in <meta> labels)"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("<tag label=\"dog\"/>")), {"<image>[0]/tag[0]/@label: unknown label 'dog'"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith(R"(<box label="car" xtl="1" ytl="2" xbr="101" ybr="20"/>)")),
                                   {"bad.xml:5: <image>[0]/box[0]/@xbr: box outside the image"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith(R"(<box label="car" xtl="1" ytl="2" xbr="10"/>)")),
                                   {"<image>[0]/box[0]/@ybr: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith(R"(<box label="car" xtl="nan" ytl="2" xbr="10" ybr="20"/>)")),
                                   {"<image>[0]/box[0]/@xtl: not a number: 'nan'"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith(R"(<box label="car" xtl="5" ytl="2" xbr="1" ybr="20"/>)")),
                                   {"<image>[0]/box[0]/@xbr: negative box size"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("<box label=\"car\" " + kCorners + " rotation=\"15\"/>")),
                                   {"<image>[0]/box[0]/@rotation: rotated box (15 degrees)"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("<box label=\"car\" " + kCorners + " occluded=\"yes\"/>")),
                                   {"<image>[0]/box[0]/@occluded: expected 0 or 1"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("<box label=\"car\" " + kCorners + "><attribute name=\"score\">2</attribute></box>")),
                                   {"<image>[0]/box[0]/attribute[score]: score 2 is not in [0, 1]"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("", R"(name="../a.png" width="100" height="80")")), {"<image>[0]/@name", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("", R"(name="/tmp/a.png" width="100" height="80")")), {"<image>[0]/@name"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("", R"(name="a.png" width="4294967396" height="80")")),
                                   {"<image>[0]/@width: number out of range: 4294967396 (expected 0..32767)"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("", R"(name="a.png" width="100.5" height="80")")),
                                   {"<image>[0]/@width: not an integer: '100.5'"}));
    LOUPE_NOTHROW(expectInputError(bad(cvatWith("", R"(name="a.png" height="80")")), {"<image>[0]/@width: missing"}));
    LOUPE_NOTHROW(expectInputError(
        bad("<annotations>\n<image id=\"0\" name=\"a.png\" width=\"1\" height=\"1\"/>\n<image id=\"1\" name=\"./a.png\" "
            "width=\"1\" height=\"1\"/>\n</annotations>"),
        {"bad.xml:3: <image>[1]/@name: duplicate image name 'a.png' (also on line 2)"}));
    LOUPE_NOTHROW(expectInputError(bad("<annotations>\n<version>2.0</version></annotations>"),
                                   {"bad.xml:2: <version>: unsupported version '2.0'"}));
    LOUPE_NOTHROW(expectInputError(bad("<annotations>\n<image id=\"0\" name=\"a.png\"\n</annotations>"),
                                   {"bad.xml:3:", "malformed XML"}));
    LOUPE_NOTHROW(expectInputError(bad("<annotation/>"), {"bad.xml:1: <annotations>: missing root element"}));
  }
};

LOUPE_REGISTER_SUITE(TestCvat);
#include "test_cvat.moc"
