#include "core/formats/registry.h"
#include "core/formats/sha256.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

namespace {

std::string vocWith(const std::string& object, const std::string& filename = "a.png") {
  return "<annotation>\n  <filename>" + filename +
         "</filename>\n  <size><width>100</width><height>80</height></size>\n" + object + "</annotation>\n";
}

}  // namespace

class TestVoc : public QObject {
  Q_OBJECT
 private slots:
  // VOC2007 trainval 000001.xml (abridged): dog 48,240,195,371 and person 8,12,352,498 in a
  // 353x500 image. Pixel-corner convention: x = xmin - 1, w = xmax - xmin + 1.
  void readsThePublishedExampleWithOneBasedCorners() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("voc", fixture("voc")));
    QCOMPARE(d.images.size(), std::size_t(2));
    QCOMPARE(d.images[0].name, std::string("000001.jpg"));
    QCOMPARE(d.images[0].width, 353);
    QCOMPARE(d.images[0].height, 500);
    QCOMPARE(d.classes, (std::vector<std::string>{"dog", "person", "cat"}));
    const auto boxes = boxesOf(d, "000001.jpg");
    QCOMPARE(boxes.size(), std::size_t(2));
    QVERIFY((boxes[0].box == Box{47, 239, 148, 132}));
    QVERIFY((boxes[1].box == Box{7, 11, 345, 487}));
    QCOMPARE(boxes[0].flags.at("truncated"), std::string("1"));
    QCOMPARE(boxes[0].flags.at("pose"), std::string("Left"));
    QVERIFY(!boxes[0].flags.count("difficult"));  // 0 is the default
    QCOMPARE(boxes[0].sourceLine, 15);
    const auto edge = boxesOf(d, "edge.png");
    QVERIFY((edge[0].box == Box{0, 0, 64, 48}));  // xmin=1 -> x=0; xmax=64 -> right edge
    QCOMPARE(edge[0].flags.at("difficult"), std::string("1"));
    QVERIFY((edge[1].box == Box{9.5, 19, 2.5, 29}));
    QCOMPARE(edge[1].score.value_or(-1), 0.75);
  }

  void roundTripIsExactAndWritesOneBasedCorners() {
    TempDir dir;
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("voc", fixture("voc")));
    LOUPE_NOTHROW(back = writeAndReadBack("voc", d, dir / "out"));
    LOUPE_NOTHROW(compareBoxes(d, back));
    QCOMPARE(back.images.size(), d.images.size());
    QCOMPARE(back.images[1].width, 64);
    const auto bytes = readBytes(dir / "out/Annotations/000001.xml");
    const std::string xml(bytes.begin(), bytes.end());
    QVERIFY(xml.find("<xmin>48</xmin>") != std::string::npos);
    QVERIFY(xml.find("<ymax>498</ymax>") != std::string::npos);
  }

  void imagesInJpegImagesAreAttachedAndExported() {
    TempDir dir;
    writeText(dir / "Annotations/a.xml", vocWith("  <object><name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin>"
                                                 "<xmax>100</xmax><ymax>80</ymax></bndbox></object>\n"));
    writeTestImage(dir / "JPEGImages/a.png", 100, 80);
    Dataset d, back;
    LOUPE_NOTHROW(d = readDataset("voc", dir.path()));
    QVERIFY(d.images[0].media.has_value());
    QCOMPARE(d.images[0].contentHash, sha256Hex(readBytes(dir / "JPEGImages/a.png")));
    QVERIFY(d.warnings.empty());
    LOUPE_NOTHROW(writeDataset("voc", d, dir / "out"));
    QCOMPARE(readBytes(dir / "out/JPEGImages/a.png"), readBytes(dir / "JPEGImages/a.png"));
    LOUPE_NOTHROW(back = readDataset("voc", dir / "out"));
    QCOMPARE(back.images[0].contentHash, d.images[0].contentHash);
  }

  void badInputNamesFileLineAndElement() {
    TempDir dir;
    const auto bad = badInputReader("voc", dir / "bad.xml", dir.path());
    const std::string box = "<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox>";
    LOUPE_NOTHROW(expectInputError(bad("<annotation>\n  <filename>a.png</filename>\n  <size>\n</annotation>\n"),
                                   {"bad.xml:4:", "malformed XML"}));
    LOUPE_NOTHROW(expectInputError(
        bad(vocWith("  <object><name>cat</name>\n    <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>101</xmax><ymax>80</ymax>"
                    "</bndbox></object>\n")),
        {"bad.xml:5: <object>[0]/bndbox", "box outside the image"}));
    LOUPE_NOTHROW(expectInputError(
        bad(vocWith("  <object><name>cat</name><bndbox><xmin>one</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax>"
                    "</bndbox></object>\n")),
        {"bad.xml:4: <object>[0]/bndbox/xmin: not a number: 'one'"}));
    LOUPE_NOTHROW(expectInputError(bad(vocWith("  <object><name>cat</name></object>\n")), {"<object>[0]/bndbox: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(vocWith("  <object>" + box + "</object>\n")), {"<object>[0]/name: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(vocWith("", "../../etc/passwd")), {"bad.xml:2: <filename>", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad("<annotation><filename>a.png</filename></annotation>"),
                                   {"bad.xml", "<size>", "image file was not found"}));
    LOUPE_NOTHROW(expectInputError(bad("<voc/>"), {"bad.xml:1: <annotation>: missing root element"}));
    writeText(dir / "other.xml", vocWith("", "same.png"));
    LOUPE_NOTHROW(expectInputError(bad(vocWith("", "same.png")), {"other.xml", "<filename>", "also described by", "bad.xml"}));
  }
};

LOUPE_REGISTER_SUITE(TestVoc);
#include "test_voc.moc"
