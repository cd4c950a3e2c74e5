#include "core/formats/csv_table.h"
#include "core/formats/format_io.h"
#include "core/formats/registry.h"
#include "tests/core/formats/suite.h"

using namespace loupe;
using namespace loupe::test;

class TestCsv : public QObject {
  Q_OBJECT
 private slots:
  void readsBoxesWithQuotingAndScores() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", fixture("csv/boxes.csv")));
    QCOMPARE(d.images.size(), std::size_t(2));
    QCOMPARE(d.images[1].name, std::string("b \"quoted\".png"));
    QVERIFY(!d.images[0].media.has_value());  // labels-only items
    QCOMPARE(d.classes, (std::vector<std::string>{"cat", "dog, big"}));
    QCOMPARE(d.annotations.size(), std::size_t(3));
    const auto& a0 = d.annotations[0];
    QCOMPARE(a0.item, std::string("img/a.png"));
    QCOMPARE(a0.labeler, std::string("alice"));
    QVERIFY(a0.kind == AnnotationKind::Box);
    QVERIFY((a0.box == Box{0, 0, 64, 48}));
    QVERIFY(!a0.score.has_value());
    QVERIFY((d.annotations[1].box == Box{10.5, 20.25, 53.5, 27.75}));
    QCOMPARE(d.annotations[1].score.value_or(-1), 0.875);
    QCOMPARE(d.annotations[1].sourceLine, 3);
    // x,y,w,h empty: an image label (a classifier output with its score).
    QVERIFY(d.annotations[2].kind == AnnotationKind::ImageLabel);
    QCOMPARE(d.annotations[2].score.value_or(-1), 0.5);
    QCOMPARE(d.annotations[2].labeler, std::string("model1"));
  }

  void readsLabelsWithBomCrlfAndBlankLines() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", fixture("csv/labels.csv")));
    QCOMPARE(d.images.size(), std::size_t(2));
    QCOMPARE(d.annotations.size(), std::size_t(3));
    QCOMPARE(d.annotations[1].labeler, std::string(""));  // the import's labeler
    QCOMPARE(d.annotations[2].labeler, std::string("bob"));
    QCOMPARE(d.annotations[2].className, std::string("cat"));
    QCOMPARE(d.annotations[2].sourceLine, 5);
    for (const auto& a : d.annotations) QVERIFY(a.kind == AnnotationKind::ImageLabel);
  }

  void readsAttributes() {
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", fixture("csv/attributes.csv")));
    QCOMPARE(d.images.size(), std::size_t(2));
    QCOMPARE(d.images[0].attributes.at("light"), std::string("dim, indoor"));
    QCOMPARE(d.images[1].attributes.at("camera"), std::string("back"));
    QVERIFY(d.annotations.empty());
  }

  void roundTripKeepsEveryBoxLabelAndAttribute() {
    TempDir dir;
    Dataset boxes, attributes, back, backAttributes;
    LOUPE_NOTHROW(boxes = readDataset("csv", fixture("csv/boxes.csv")));
    LOUPE_NOTHROW(attributes = readDataset("csv", fixture("csv/attributes.csv")));
    boxes.images = attributes.images;  // one dataset with boxes, labels and attributes
    LOUPE_NOTHROW(back = writeAndReadBack("csv", boxes, dir / "out.csv"));
    LOUPE_NOTHROW(compareBoxes(boxes, back));
    QCOMPARE(back.annotations.size(), boxes.annotations.size());
    QVERIFY(back.annotations[2].kind == AnnotationKind::ImageLabel);
    QCOMPARE(back.annotations[2].item, std::string("b \"quoted\".png"));
    QCOMPARE(back.annotations[2].score.value_or(-1), 0.5);
    QCOMPARE(back.annotations[1].className, std::string("dog, big"));
    LOUPE_NOTHROW(backAttributes = readDataset("csv", formats::csvAttributesPath(dir / "out.csv")));
    QCOMPARE(backAttributes.images.size(), std::size_t(2));
    QCOMPARE(backAttributes.images[0].attributes, attributes.images[0].attributes);
    QVERIFY(!std::filesystem::exists(dir / ".out.csv.tmp"));
  }

  void labelsOnlyExportUsesTheLabelsLayout() {
    TempDir dir;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", fixture("csv/labels.csv")));
    LOUPE_NOTHROW(writeDataset("csv", d, dir / "labels.csv"));
    QCOMPARE(readBytes(dir / "labels.csv"),
             (std::vector<std::uint8_t>{std::begin("item,labeler,label\nx1,alice,cat\nx2,,dog\nx1,bob,cat\n"),
                                        std::end("item,labeler,label\nx1,alice,cat\nx2,,dog\nx1,bob,cat\n") - 1}));
  }

  void badInputNamesFileLineAndColumn() {
    TempDir dir;
    const auto bad = badInputReader("csv", dir / "bad.csv");
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label,x,y,w,h\na,b,c,1,2,3,4\na,b,c,1,2,3\n"),
                                   {"bad.csv:3:", "expected 7 columns", "found 6"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label,x,y,w,h\na,b,c,1,2,abc,4\n"),
                                   {"bad.csv:2: column w: not a number: 'abc'"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label,x,y,w,h,score\na,b,c,1,2,3,4,high\n"),
                                   {"bad.csv:2: column score"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\n\"a,b,c\n"), {"bad.csv:2:", "unterminated"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\na\"b,c,d\n"), {"bad.csv:2:", "quote"}));
    // A quoted field spanning two lines is parsed (the next record starts on line 4), but a line
    // break is a control character, which no name may hold.
    std::vector<int> lines;
    parseCsv("item,labeler,label\n\"a\nb\",x,y\nc,d\n", "t.csv", [&](const std::vector<std::string>&, int line) { lines.push_back(line); });
    QCOMPARE(lines, (std::vector<int>{1, 2, 4}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\n\"a\nb\",x,y\nc,d\n"),
                                   {"bad.csv:2: column item", "control character U+000A"}));
    LOUPE_NOTHROW(expectInputError(bad("file,who,what\n"), {"bad.csv:1: header", "unrecognised"}));
    LOUPE_NOTHROW(expectInputError(bad(""), {"bad.csv:1: header", "empty"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\n../etc/passwd,a,b\n"), {"bad.csv:2: column item", "'..'"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\n/etc/passwd,a,b\n"), {"bad.csv:2:", "absolute"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label,x,y,w,h\na,b,c,-3,2,3,4\n"), {"bad.csv:2: column x", "outside"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label,x,y,w,h\na,b,c,3,2,3,-4\n"), {"bad.csv:2: column h", "negative"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\na,b,\n"), {"bad.csv:2: column label", "empty"}));
  }

  void progressIsReportedAndCancelStopsTheRead() {
    TempDir dir;
    std::string text = "item,labeler,label\n";
    for (int i = 0; i < 10000; ++i) text += "i" + std::to_string(i) + ",a,cat\n";
    writeText(dir / "many.csv", text);
    std::int64_t lastDone = 0;
    Progress progress;
    progress.report = [&](std::int64_t done, std::int64_t, const std::string&) { lastDone = done; };
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", dir / "many.csv", {}, progress));
    QCOMPARE(d.annotations.size(), std::size_t(10000));
    QCOMPARE(lastDone, std::int64_t(8192));  // reported every 4096 rows
    CancelToken cancel;
    cancel.cancel();
    progress.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(Cancelled, readDataset("csv", dir / "many.csv", {}, progress));
  }

  void unknownFormatIsRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readDataset("xls", fixture("csv/labels.csv")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, writeDataset("idx", Dataset{}, "unused"));
    LOUPE_NOTHROW(expectInputError([] { readDataset("csv", fixture("csv/missing.csv")); }, {"missing.csv", "no such file"}));
  }
};

LOUPE_REGISTER_SUITE(TestCsv);
#include "test_csv.moc"
