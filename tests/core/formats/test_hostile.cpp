// Hostile input for every reader: sizes that would make a decoder allocate gigabytes, names that
// are not UTF-8 or hold control characters, numbers out of range, symbolic links leading out of
// the dataset folder or in a loop, byte order marks, and image libraries that talk on stderr.
// Each case is built in code so the test says exactly which byte is wrong.
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>

#include "core/domain/names.h"
#include "core/formats/image_bytes.h"
#include "core/formats/item_names.h"
#include "core/formats/registry.h"
#include "tests/core/formats/suite.h"
#include "tests/support/hostile_png.h"

using namespace loupe;
using namespace loupe::test;
namespace fs = std::filesystem;

namespace {

void writeGz(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  gzFile gz = gzopen(file.string().c_str(), "wb");
  gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(gz);
}

// Everything written to file descriptor 2 while `f` runs.
std::string stderrOf(const std::function<void()>& f) {
  std::fflush(stderr);
  char name[] = "/tmp/loupe-test-stderr-XXXXXX";
  const int capture = mkstemp(name);
  const int saved = dup(2);
  dup2(capture, 2);
  try {
    f();
  } catch (...) {
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(capture);
    unlink(name);
    throw;
  }
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(capture);
  std::ifstream in(name, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  unlink(name);
  return text;
}

bool hasWarning(const Dataset& d, const std::vector<std::string>& parts) {
  for (const auto& w : d.warnings) {
    bool all = true;
    for (const auto& p : parts) all = all && w.find(p) != std::string::npos;
    if (all) return true;
  }
  return false;
}

std::string warningsText(const Dataset& d) {
  std::string s;
  for (const auto& w : d.warnings) s += w + "\n";
  return s;
}

const std::string kOneImage = R"({"id": 1, "file_name": "a.png", "width": 640, "height": 480})";

std::string coco(const std::string& images, const std::string& categories, const std::string& annotations) {
  return "{\"images\": [" + images + "],\n \"categories\": [" + categories + "],\n \"annotations\": [" + annotations +
         "]}\n";
}

std::string vocXml(const std::string& filename, const std::string& size, const std::string& object) {
  return "<annotation>\n<filename>" + filename + "</filename>\n" + size + "\n<object>\n" + object +
         "\n</object>\n</annotation>\n";
}
const std::string kVocSize = "<size><width>64</width><height>48</height></size>";
const std::string kVocObject = "<name>cat</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>10</xmax><ymax>10</ymax></bndbox>";

}  // namespace

class TestHostile : public QObject {
  Q_OBJECT
 private slots:
  // --- defect 4: sizes from files are trusted ---------------------------------------------

  void imageHeaderOverTheLimitIsRefusedBeforeDecoding() {
    TempDir dir;
    writeBytes(dir / "big.png", pngDeclaring(12000, 12000));  // 144 MP
    writeBytes(dir / "wide.png", pngDeclaring(40000, 10));
    writeBytes(dir / "ok.png", smallPng());
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t{1});
    QCOMPARE(d.images[0].name, std::string("ok.png"));
    QVERIFY2(hasWarning(d, {"big.png: image is 12000x12000, larger than the 100 MP limit"}), warningsText(d).c_str());
    QVERIFY2(hasWarning(d, {"wide.png: image is 40000x10, larger than the 32767-pixel side limit"}),
             warningsText(d).c_str());
    // An image that annotations refer to is an error, not a skip.
    writeText(dir / "c.json", coco(R"({"id": 1, "file_name": "big.png", "width": 0, "height": 0})", "", ""));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); },
                                   {"big.png: image is 12000x12000, larger than the 100 MP limit"}));
  }

  void everyContainerHeaderIsMeasured() {
    // Known answers: each container's own size fields, read without decoding.
    std::vector<std::uint8_t> jpeg, bmp, pgm;
    const cv::Mat image(30, 40, CV_8UC3, cv::Scalar(10, 20, 30));
    cv::imencode(".jpg", image, jpeg);
    cv::imencode(".bmp", image, bmp);
    cv::imencode(".pgm", cv::Mat(30, 40, CV_8UC1, cv::Scalar(5)), pgm);
    for (const auto* bytes : {&jpeg, &bmp, &pgm}) {
      const auto size = declaredImageSize(sniffImageContainer(*bytes), *bytes);
      QVERIFY(size.has_value());
      QCOMPARE(size->width, std::int64_t{40});
      QCOMPARE(size->height, std::int64_t{30});
    }
    // A JPEG whose SOF0 claims 40000 x 30: refused by the header, before libjpeg sees it.
    for (std::size_t at = 2; at + 9 < jpeg.size(); ++at)
      if (jpeg[at] == 0xFF && jpeg[at + 1] == 0xC0) {
        jpeg[at + 7] = 40000 >> 8;
        jpeg[at + 8] = 40000 & 0xFF;
        break;
      }
    TempDir dir;
    writeBytes(dir / "wide.jpg", jpeg);
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QVERIFY(d.images.empty());
    QVERIFY2(hasWarning(d, {"wide.jpg: image is 40000x30, larger than the 32767-pixel side limit"}), warningsText(d).c_str());
    QCOMPARE(imageSizeProblem(10000, 10000), std::string());
    QCOMPARE(imageSizeProblem(10000, 10001), std::string("image is 10000x10001, larger than the 100 MP limit"));
    QCOMPARE(imageSizeProblem(0, 5), std::string("image size must be positive (0x5)"));
  }

  void idxHeaderIsCheckedAgainstTheData() {
    TempDir dir;
    std::vector<std::uint8_t> images;
    for (std::uint32_t w : {0x803u, 100000u, 28u, 28u}) put32(images, w);
    images.insert(images.end(), 2 * 28 * 28, 7);  // two images present, 100,000 promised
    writeGz(dir / "train-images-idx3-ubyte.gz", images);
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); },
                                   {"train-images-idx3-ubyte.gz: count: the header declares 100000 images of 28x28 "
                                    "(78400000 bytes) but the file holds 1568 bytes of pixels"}));
    images.clear();
    for (std::uint32_t w : {0x803u, 256u, 4096u, 4096u}) put32(images, w);  // 4 GiB promised in 16 bytes
    writeGz(dir / "train-images-idx3-ubyte.gz", images);
    LOUPE_NOTHROW(expectInputError([&] { readDataset("idx", dir.path()); },
                                   {"train-images-idx3-ubyte.gz: count", "4294967296 bytes, more than the 1073741824-byte limit"}));
  }

  // --- defect 5: names that are not UTF-8 ----------------------------------------------------

  void oneRuleForEveryName() {
    QCOMPARE(nameProblem("chat noir", NameKind::Class), std::string());
    QCOMPARE(nameProblem("caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x90\x88.png", NameKind::Item), std::string());
    QCOMPARE(nameProblem("d\xFF.png", NameKind::Item), std::string("item name is not valid UTF-8 (byte \\xFF at offset 1)"));
    QCOMPARE(nameProblem("\xC0\xAF", NameKind::Class), std::string("class name is not valid UTF-8 (byte \\xC0 at offset 0)"));
    QCOMPARE(nameProblem("a\xED\xA0\x80", NameKind::Labeler),  // a UTF-16 surrogate
             std::string("labeler name is not valid UTF-8 (byte \\xED at offset 1)"));
    QCOMPARE(nameProblem("\xE6\x97", NameKind::Class), std::string("class name is not valid UTF-8 (byte \\xE6 at offset 0)"));
    QCOMPARE(nameProblem(std::string("a\0b", 3), NameKind::Class),
             std::string("class name contains the control character U+0000 at offset 1"));
    QCOMPARE(nameProblem("a\nb", NameKind::AttributeKey), std::string("attribute key contains the control character U+000A at offset 1"));
    QCOMPARE(nameProblem("x\x7F", NameKind::Class), std::string("class name contains the control character U+007F at offset 1"));
    QCOMPARE(nameProblem("x\xC2\x85", NameKind::Class), std::string("class name contains the control character U+0085 at offset 1"));
    QCOMPARE(nameProblem("", NameKind::Labeler), std::string("empty labeler name"));
    QCOMPARE(nameProblem("", NameKind::AttributeValue), std::string());
    QCOMPARE(nameProblem(std::string(256, 'c'), NameKind::Class), std::string());
    QCOMPARE(nameProblem(std::string(257, 'c'), NameKind::Class), std::string("class name is 257 bytes, longer than the 256-byte limit"));
    QCOMPARE(nameProblem(std::string(1024, 'i'), NameKind::Item), std::string());
    QCOMPARE(nameProblem(std::string(1025, 'i'), NameKind::Item), std::string("item name is 1025 bytes, longer than the 1024-byte limit"));
    QCOMPARE(printableName("a\xFF\nb\xC3\xA9"), std::string("a\\xFF\\x0Ab\xC3\xA9"));
    QCOMPARE(printableName(std::string(300, 'n')), std::string(200, 'n') + "...");
  }

  void csvNamesAreCheckedAtTheDoor() {
    TempDir dir;
    const auto bad = badInputReader("csv", dir / "bad.csv");
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\nok.png,ann,cat\nd\xFF.png,ann,cat\n"),
                                   {"bad.csv:3: column item: item name is not valid UTF-8 (byte \\xFF at offset 1)"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\na.png,ann,\"ca\nt\"\n"),
                                   {"bad.csv:2: column label: class name contains the control character U+000A"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\na.png,an" + std::string(1, '\0') + "n,cat\n"),
                                   {"bad.csv:2: column labeler: labeler name contains the control character U+0000"}));
    LOUPE_NOTHROW(expectInputError(bad("item,labeler,label\n" + std::string(10 << 20, 'x') + ".png,ann,cat\n"),
                                   {"bad.csv:2: column item: item name is 10485764 bytes, longer than the 1024-byte limit"}));
    LOUPE_NOTHROW(expectInputError(bad("item,key,value\na.png,li\x1Bght,day\n"),
                                   {"bad.csv:2: column key: attribute key contains the control character U+001B"}));
    LOUPE_NOTHROW(expectInputError(bad("item,key,value\na.png,light,d\xC3y\n"),
                                   {"bad.csv:2: column value: attribute value is not valid UTF-8"}));
  }

  void vocYoloCocoNamesAreCheckedAtTheDoor() {
    TempDir dir;
    const auto voc = badInputReader("voc", dir / "voc/Annotations/a.xml", dir / "voc");
    LOUPE_NOTHROW(expectInputError(voc(vocXml("d\xFF.png", kVocSize, kVocObject)),
                                   {"a.xml:2: <filename>: item name is not valid UTF-8"}));
    LOUPE_NOTHROW(expectInputError(
        voc(vocXml("a.png", kVocSize, "<name>c\xFFt</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>")),
        {"a.xml:", "<object>[0]/name: class name is not valid UTF-8"}));
    writeBytes(dir / "yolo/a.png", smallPng());
    const auto yolo = badInputReader("yolo", dir / "yolo/classes.txt", dir / "yolo");
    LOUPE_NOTHROW(expectInputError(yolo("cat\nd\x01og\n"), {"classes.txt:2: class name contains the control character U+0001"}));
    const auto json = badInputReader("coco", dir / "bad.json");
    LOUPE_NOTHROW(expectInputError(json(coco(kOneImage, R"({"id": 1, "name": "c\u0007t"})", "")),
                                   {"bad.json:2: categories[0].name: class name contains the control character U+0007"}));
    LOUPE_NOTHROW(expectInputError(json(coco(R"({"id": 1, "file_name": "a\nb.png", "width": 4, "height": 4})", "", "")),
                                   {"bad.json:1: images[0].file_name: item name contains the control character U+000A"}));
  }

  void folderSkipsFilesWhoseNamesAreNotUtf8() {
    TempDir dir;
    writeBytes(dir / "ok.png", smallPng());
    writeBytes(dir / "d\xFF.png", smallPng());
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));
    QCOMPARE(d.images.size(), std::size_t{1});
    QVERIFY2(hasWarning(d, {"skipped ", "d\\xFF.png: item name is not valid UTF-8"}), warningsText(d).c_str());
    for (const auto& w : d.warnings) QCOMPARE(nameProblem(w, NameKind::AttributeValue), std::string());
  }

  // --- defect 6: numbers out of range --------------------------------------------------------

  void cocoIntegersAreRangeCheckedBeforeConversion() {
    TempDir dir;
    const auto bad = badInputReader("coco", dir / "bad.json");
    LOUPE_NOTHROW(expectInputError(
        bad(coco(R"({"id": 1, "file_name": "a.png", "width": 4294967396, "height": 4})", "", "")),
        {"bad.json:1: images[0].width: number out of range: 4294967396 (expected 0..32767)"}));
    LOUPE_NOTHROW(expectInputError(bad("{\"categories\": [],\n \"images\": [{\"id\": 1, \"file_name\": \"a.png\",\n"
                                       "  \"width\": 1e309, \"height\": 4}]}\n"),
                                   {"bad.json:3: images[0].width: number out of range"}));
    LOUPE_NOTHROW(expectInputError(bad(coco(R"({"id": 1, "file_name": "a.png", "width": 1e308, "height": 4})", "", "")),
                                   {"images[0].width: expected an integer, found 1e+308"}));
  }

  void boxesScoresAndAreasMustBeInRange() {
    TempDir dir;
    const auto json = badInputReader("coco", dir / "bad.json");
    const std::string unknownSize = R"({"id": 1, "file_name": "a.png", "width": 0, "height": 0})";
    const std::string cat = R"({"id": 1, "name": "cat"})";
    LOUPE_NOTHROW(expectInputError(json(coco(unknownSize, cat, R"({"image_id": 1, "category_id": 1, "bbox": [0, 0, 1e308, 1]})")),
                                   {"annotations[0].bbox: box width 1e+308 is out of range (limit ±1e+06)"}));
    LOUPE_NOTHROW(expectInputError(json(coco(unknownSize, cat, R"({"image_id": 1, "category_id": 1, "bbox": [1e300, 0, 1, 1]})")),
                                   {"annotations[0].bbox: box x 1e+300 is out of range"}));
    LOUPE_NOTHROW(expectInputError(
        json(coco(kOneImage, cat, R"({"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 75})")),
        {"annotations[0].score: score 75 is not in [0, 1]"}));
    LOUPE_NOTHROW(expectInputError(
        json(coco(kOneImage, cat, R"({"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "area": -5})")),
        {"annotations[0].area: area -5 is out of range"}));
    const auto csv = badInputReader("csv", dir / "bad.csv");
    LOUPE_NOTHROW(expectInputError(csv("item,labeler,label,x,y,w,h\na.png,ann,cat,0,0,1e308,1\n"),
                                   {"bad.csv:2: column w: number out of range: 1e+308"}));
    LOUPE_NOTHROW(expectInputError(csv("item,labeler,label,x,y,w,h\na.png,ann,cat,1e300,0,1,1\n"),
                                   {"bad.csv:2: column x: number out of range"}));
    LOUPE_NOTHROW(expectInputError(csv("item,labeler,label,x,y,w,h,score\na.png,ann,cat,0,0,1,1,7\n"),
                                   {"bad.csv:2: column score: score 7 is not in [0, 1]"}));
    const auto voc = badInputReader("voc", dir / "voc/Annotations/a.xml", dir / "voc");
    LOUPE_NOTHROW(expectInputError(voc(vocXml("a.png", "<size><width>64.9</width><height>48</height></size>", kVocObject)),
                                   {"a.xml:3: <size>/width: not a whole number of pixels: 64.9"}));
    LOUPE_NOTHROW(expectInputError(voc(vocXml("a.png", "<size><width>1e308</width><height>48</height></size>", kVocObject)),
                                   {"a.xml:3: <size>/width: number out of range: 1e+308 (expected 1..32767)"}));
    LOUPE_NOTHROW(expectInputError(voc(vocXml("a.png", kVocSize, kVocObject + "<score>1.5</score>")),
                                   {"<object>[0]/score: score 1.5 is not in [0, 1]"}));
    writeBytes(dir / "yolo/a.png", smallPng());
    writeText(dir / "yolo/classes.txt", "cat\n");
    const auto yolo = badInputReader("yolo", dir / "yolo/a.txt", dir / "yolo");
    LOUPE_NOTHROW(expectInputError(yolo("0 0.5 0.5 1e300 0.1\n"), {"a.txt:1: w: number out of range: 1e+300"}));
    LOUPE_NOTHROW(expectInputError(yolo("0 0.5 0.5 0.1 0.1 2\n"), {"a.txt:1: score: score 2 is not in [0, 1]"}));
  }

  void vocKeepsFractionalCorners() {
    TempDir dir;
    writeText(dir / "voc/Annotations/a.xml",
              vocXml("a.png", kVocSize, "<name>cat</name><bndbox><xmin>1.5</xmin><ymin>2.25</ymin><xmax>60.9</xmax><ymax>10</ymax></bndbox>"));
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("voc", dir / "voc"));
    QCOMPARE(d.annotations.size(), std::size_t{1});
    QCOMPARE(d.annotations[0].box, (Box{0.5, 1.25, 60.9 - 1.5 + 1, 10 - 2.25 + 1}));
  }

  void relativePathsAreNormalised() {
    QCOMPARE(normalItemName("./dd.png"), std::string("dd.png"));
    QCOMPARE(normalItemName("a//./b/c.png"), std::string("a/b/c.png"));
    QCOMPARE(normalItemName("/abs.png"), std::string("/abs.png"));
    QCOMPARE(normalItemName("../x.png"), std::string("../x.png"));
    QVERIFY(!itemNameProblem("./dd.png").empty());  // storage refuses what readers would normalise
    TempDir dir;
    writeText(dir / "l.csv", "item,labeler,label\n./dd.png,ann,cat\ndd.png,ann,dog\n");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("csv", dir / "l.csv"));
    QCOMPARE(d.images.size(), std::size_t{1});
    QCOMPARE(d.images[0].name, std::string("dd.png"));
    QCOMPARE(d.annotations[0].item, std::string("dd.png"));
    writeText(dir / "c.json", coco(R"({"id": 1, "file_name": "./a.png", "width": 4, "height": 4},
                                      {"id": 2, "file_name": "a.png", "width": 4, "height": 4})", "", ""));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); }, {"images[1].file_name: duplicate file_name 'a.png'"}));
    writeText(dir / "c.json", coco(R"({"id": 1, "file_name": "x/../../a.png", "width": 4, "height": 4})", "", ""));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); }, {"images[0].file_name: '..' not allowed"}));
  }

  // --- defect 7: one bad file aborts a folder import; symlinks --------------------------------

  void oneBadFileDoesNotAbortAFolderImport() {
    TempDir dir, elsewhere;
    const fs::path root = dir / "data";
    writeBytes(root / "good.png", smallPng());
    writeBytes(root / "huge.png", pngDeclaring(50000, 50000));  // OpenCV asserts on this one
    writeBytes(root / "sub/crc.png", pngWithBadIdatCrc());
    fs::create_symlink("loop2.png", root / "loop1.png");
    fs::create_symlink("loop1.png", root / "loop2.png");
    writeBytes(elsewhere / "secret.png", smallPng());
    fs::create_symlink(elsewhere / "secret.png", root / "outside.png");
    fs::create_symlink("good.png", root / "inside.png");  // a link within the folder is fine
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", root));
    QStringList names;
    for (const auto& image : d.images) names << QString::fromStdString(image.name);
    QCOMPARE(names, (QStringList{"good.png", "inside.png"}));
    QCOMPARE(d.warnings.size(), std::size_t{5});
    for (const auto& w : d.warnings) QVERIFY2(w.rfind("skipped ", 0) == 0 && w.find('\n') == std::string::npos, w.c_str());
    QVERIFY2(hasWarning(d, {"huge.png: image is 50000x50000, larger than the 32767-pixel side limit"}), warningsText(d).c_str());
    QVERIFY2(hasWarning(d, {"crc.png: cannot decode image"}), warningsText(d).c_str());
    QVERIFY2(hasWarning(d, {"loop1.png: symbolic link loop"}), warningsText(d).c_str());
    QVERIFY2(hasWarning(d, {"loop2.png: symbolic link loop"}), warningsText(d).c_str());
    QVERIFY2(hasWarning(d, {"outside.png: symbolic link leads outside the dataset folder"}), warningsText(d).c_str());

    ReadOptions follow;
    follow.followSymlinks = true;
    LOUPE_NOTHROW(d = readDataset("folder", root, follow));
    QVERIFY(findImage(d, "outside.png") != nullptr);
    QCOMPARE(d.warnings.size(), std::size_t{4});
  }

  void followedFolderLinkLoopsEnd() {
    TempDir dir;
    writeBytes(dir / "a.png", smallPng());
    writeBytes(dir / "sub/b.png", smallPng());
    fs::create_symlink("..", dir / "sub/up");  // sub/up/sub/up/... forever, if followed naively
    ReadOptions follow;
    follow.followSymlinks = true;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("folder", dir.path(), follow));
    QStringList names;
    for (const auto& image : d.images) names << QString::fromStdString(image.name);
    QCOMPARE(names, (QStringList{"a.png", "sub/b.png"}));
    LOUPE_NOTHROW(d = readDataset("folder", dir.path()));  // not followed at all by default
    QCOMPARE(d.images.size(), std::size_t{2});
  }

  void annotatedImagesBehindLinksAreRefused() {
    TempDir dir, elsewhere;
    writeBytes(elsewhere / "secret.png", smallPng());
    fs::create_symlink(elsewhere / "secret.png", dir / "a.png");
    writeText(dir / "c.json", coco(R"({"id": 1, "file_name": "a.png", "width": 8, "height": 6})", "", ""));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); },
                                   {"a.png: symbolic link leads outside the dataset folder", "--follow-symlinks"}));
    ReadOptions follow;
    follow.followSymlinks = true;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("coco", dir / "c.json", follow));
    QVERIFY(d.images[0].media.has_value());
    fs::remove(dir / "a.png");
    fs::create_symlink("a.png", dir / "a.png");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("coco", dir / "c.json"); }, {"a.png: symbolic link loop"}));
  }

  void annotationFilesBehindLinksAreRefused() {
    // YOLO label files, classes.txt and VOC XML files are read like images: a link out of the
    // dataset folder is refused unless followSymlinks.
    TempDir dir, elsewhere;
    writeText(elsewhere / "a.txt", "0 0.5 0.5 0.25 0.5\n");
    writeText(elsewhere / "classes.txt", "cat\n");
    writeBytes(dir / "yolo/a.png", smallPng());
    writeText(dir / "yolo/classes.txt", "cat\n");
    fs::create_symlink(elsewhere / "a.txt", dir / "yolo/a.txt");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir / "yolo"); },
                                   {"a.txt: symbolic link leads outside the dataset folder", "--follow-symlinks"}));
    ReadOptions follow;
    follow.followSymlinks = true;
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("yolo", dir / "yolo", follow));
    QCOMPARE(d.annotations.size(), std::size_t{1});
    fs::remove(dir / "yolo/a.txt");
    fs::remove(dir / "yolo/classes.txt");
    fs::create_symlink(elsewhere / "classes.txt", dir / "yolo/classes.txt");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir / "yolo"); },
                                   {"classes.txt: symbolic link leads outside the dataset folder"}));
    writeText(elsewhere / "b.xml", "<annotation><filename>b.png</filename><size><width>8</width>"
                                   "<height>6</height></size></annotation>");
    fs::create_directories(dir / "voc/Annotations");
    fs::create_symlink(elsewhere / "b.xml", dir / "voc/Annotations/b.xml");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("voc", dir / "voc"); },
                                   {"b.xml: symbolic link leads outside the dataset folder"}));
    LOUPE_NOTHROW(d = readDataset("voc", dir / "voc", follow));
    QCOMPARE(d.images.size(), std::size_t{1});
  }

  void aLinkLoopGivenAsThePathIsReported() {
    TempDir dir;
    fs::create_symlink("loop", dir / "loop");
    for (const char* format : {"folder", "coco", "yolo", "voc", "csv", "idx"})
      LOUPE_NOTHROW(expectInputError([&] { readDataset(format, dir / "loop"); }, {"loop: symbolic link loop"}));
    writeText(dir / "yolo/a.txt", "");
    fs::create_symlink("classes.txt", dir / "yolo/classes.txt");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("yolo", dir / "yolo"); }, {"classes.txt: missing"}));
  }

  // --- defect 8: misleading errors, byte order marks, library text on stderr ------------------

  void aLeadingBomIsSkippedInEveryTextFormat() {
    TempDir dir;
    const std::string bom = "\xEF\xBB\xBF";
    writeBytes(dir / "yolo/a.png", smallPng());
    writeText(dir / "yolo/classes.txt", bom + "cat\ndog\n");
    writeText(dir / "yolo/a.txt", "0 0.5 0.5 0.25 0.5\n");
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("yolo", dir / "yolo"));
    QCOMPARE(d.classes, (std::vector<std::string>{"cat", "dog"}));
    writeText(dir / "c.json", bom + coco(kOneImage, R"({"id": 1, "name": "cat"})", ""));
    LOUPE_NOTHROW(d = readDataset("coco", dir / "c.json"));
    QCOMPARE(d.classes, (std::vector<std::string>{"cat"}));
    writeText(dir / "voc/a.xml", bom + vocXml("a.png", kVocSize, kVocObject));
    LOUPE_NOTHROW(d = readDataset("voc", dir / "voc"));
    QCOMPARE(d.classes, (std::vector<std::string>{"cat"}));
    writeText(dir / "l.csv", bom + "item,labeler,label\na.png,ann,cat\n");
    LOUPE_NOTHROW(d = readDataset("csv", dir / "l.csv"));
    QCOMPARE(d.images[0].name, std::string("a.png"));
  }

  void imageLibrariesSayNothingOnStderr() {
    TempDir dir;
    // An ancillary chunk with a bad CRC: libpng warns and carries on; a bad IDAT CRC: it fails.
    writeBytes(dir / "warn.png", pngWithChunkAfterHeader(pngChunk("tEXt", {'a', 0, 'b'}, true)));
    writeBytes(dir / "crc.png", pngWithBadIdatCrc());
    Dataset d;
    const std::string said = stderrOf([&] { d = readDataset("folder", dir.path()); });
    QCOMPARE(said, std::string());
    QCOMPARE(d.images.size(), std::size_t{1});
    QCOMPARE(d.images[0].name, std::string("warn.png"));
    QVERIFY2(hasWarning(d, {"crc.png: cannot decode image (libpng error: IDAT: CRC error)"}), warningsText(d).c_str());
  }

  // --- Label Studio and CVAT: the same rules for numbers, names, types and links ---------------

  void labelStudioNumbersNamesAndTypesAreChecked() {
    TempDir dir;
    const auto task = [](const std::string& size, const std::string& value) {
      return "[{\"data\": {\"image\": \"a.png\"}, \"annotations\": [{\"result\": [\n{\"type\": \"rectanglelabels\", " +
             size + ",\n \"value\": {" + value + "}}]}]}]";
    };
    const std::string size = R"("original_width": 640, "original_height": 480)";
    const std::string box = R"("x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["car"])";
    const auto bad = badInputReader("label-studio", dir / "t.json");
    LOUPE_NOTHROW(expectInputError(bad(task(R"("original_width": 4294967936, "original_height": 480)", box)),
                                   {"t.json:2: [0].annotations[0].result[0].original_width: number out of range: 4294967936"}));
    LOUPE_NOTHROW(expectInputError(bad(task(R"("original_width": 640.5, "original_height": 480)", box)),
                                   {"original_width: expected an integer, found 640.5"}));
    LOUPE_NOTHROW(expectInputError(bad(task(R"("original_width": 640, "original_height": -1)", box)),
                                   {"original_height: number out of range: -1 (expected 1..32767)"}));
    LOUPE_NOTHROW(expectInputError(bad(task(R"("original_width": 20000, "original_height": 20000)", box)),
                                   {"original_width: image is 20000x20000, larger than the 100 MP limit"}));
    LOUPE_NOTHROW(expectInputError(bad(task(size, R"("x": 1e309, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["car"])")),
                                   {"t.json:3: [0].annotations[0].result[0].value.x: number out of range"}));
    LOUPE_NOTHROW(expectInputError(bad(task(size, R"("x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": ["c\u0007r"])")),
                                   {"value.rectanglelabels[0]", "control character"}));
    LOUPE_NOTHROW(expectInputError(bad(task(size, R"("x": 1, "y": 1, "width": 1, "height": 1, "rectanglelabels": [7])")),
                                   {"value.rectanglelabels[0]: expected a string, found a number"}));
    LOUPE_NOTHROW(expectInputError(bad("[{\"data\": {\"image\": \"a\xFF.png\"}}]"), {"t.json:1:", "malformed JSON"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}, "annotations": [{"completed_by": {"email": "a\tb"}, "result": []}]}])"),
                                   {"completed_by.email", "control character"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([{"data": {"image": "a.png"}, "annotations": [{"completed_by": -3, "result": []}]}])"),
                                   {"completed_by: number out of range: -3"}));
    LOUPE_NOTHROW(expectInputError(bad(R"([7])"), {"[0]: expected an object, found a number"}));
    LOUPE_NOTHROW(expectInputError([&] { readDataset("label-studio", dir.path()); }, {"a folder"}));
    writeText(dir / "t.json", "\xEF\xBB\xBF" + task(size, box));  // a leading BOM is skipped
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("label-studio", dir / "t.json"));
    QCOMPARE(d.annotations.size(), std::size_t{1});
    // An image beside the file that is a link out of the folder is refused, as in COCO.
    const fs::path elsewhere = dir / "elsewhere";
    writeBytes(elsewhere / "secret.png", smallPng());
    fs::create_directories(dir / "ls");
    fs::create_symlink(elsewhere / "secret.png", dir / "ls/a.png");
    writeText(dir / "ls/t.json", R"([{"data": {"image": "a.png"}}])");
    LOUPE_NOTHROW(expectInputError([&] { readDataset("label-studio", dir / "ls/t.json"); },
                                   {"a.png: symbolic link leads outside the dataset folder"}));
  }

  void cvatNumbersNamesAndTypesAreChecked() {
    TempDir dir;
    const auto xml = [](const std::string& image, const std::string& shape) {
      return "<annotations>\n<image id=\"0\" " + image + ">\n" + shape + "\n</image>\n</annotations>\n";
    };
    const std::string image = R"(name="a.png" width="64" height="48")";
    const auto bad = badInputReader("cvat", dir / "c.xml");
    LOUPE_NOTHROW(expectInputError(bad(xml(image, R"(<box label="car" xtl="1e309" ytl="0" xbr="1" ybr="1"/>)")),
                                   {"c.xml:3: <image>[0]/box[0]/@xtl: not a number: '1e309'"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(R"(name="a.png" width="0" height="0")", R"(<box label="car" xtl="-2e6" ytl="0" xbr="1" ybr="1"/>)")),
                                   {"<image>[0]/box[0]/@xtl: box x -2e+06 is out of range"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(image, R"(<box label="c&#7;r" xtl="0" ytl="0" xbr="1" ybr="1"/>)")),
                                   {"<image>[0]/box[0]/@label", "control character"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(image, "<box label=\"c\xFFr\" xtl=\"0\" ytl=\"0\" xbr=\"1\" ybr=\"1\"/>")),
                                   {"<image>[0]/box[0]/@label", "UTF-8"}));
    LOUPE_NOTHROW(expectInputError(bad(xml("name=\"a&#10;b.png\" width=\"64\" height=\"48\"", "")), {"<image>[0]/@name", "control character"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(image, R"(<box label="car" xtl="0" ytl="0" xbr="1" ybr="1" z_order="99999999999"/>)")),
                                   {"<image>[0]/box[0]/@z_order: number out of range"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(image, R"(<box label="car" xtl="0" ytl="0" xbr="1" ybr="1"><attribute>x</attribute></box>)")),
                                   {"<image>[0]/box[0]/attribute/@name: missing"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(R"(name="a.png" width="40000" height="1")", "")),
                                   {"<image>[0]/@width: number out of range: 40000 (expected 0..32767)"}));
    LOUPE_NOTHROW(expectInputError(bad(xml(R"(name="a.png" width="64" height="0")", "")),
                                   {"<image>[0]/@width: image size must be positive"}));
    LOUPE_NOTHROW(expectInputError(bad("<annotations>\n<image id=\"x\" name=\"a.png\" width=\"64\" height=\"48\"/>\n</annotations>"),
                                   {"c.xml:2: <image>[0]/@id: not an integer: 'x'"}));
    writeText(dir / "c.xml", "\xEF\xBB\xBF" + xml(image, R"(<box label="car" xtl="0" ytl="0" xbr="64" ybr="48"/>)"));
    Dataset d;
    LOUPE_NOTHROW(d = readDataset("cvat", dir / "c.xml"));
    QCOMPARE(d.classes, (std::vector<std::string>{"car"}));  // no <meta> labels: first use
  }
};

LOUPE_REGISTER_SUITE(TestHostile);
#include "test_hostile.moc"
