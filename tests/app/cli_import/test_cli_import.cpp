// `loupe import` fed hostile files through the real executable ($LOUPE_CLI): every refused file
// gives exit 1, one stderr line naming file, line and field, and a project that is byte-for-byte
// unchanged; a folder import skips and reports bad files and imports the rest; nothing but
// Loupe's own lines reaches stderr.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "tests/storage/file_bytes.h"
#include "tests/support/cli_run.h"
#include "tests/support/hostile_png.h"

namespace fs = std::filesystem;
using loupe::test::runLoupe;

namespace {

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

void writeFile(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << bytes;
}

void writeFile(const fs::path& file, const std::vector<std::uint8_t>& bytes) {
  writeFile(file, std::string(bytes.begin(), bytes.end()));
}

QJsonObject json(const loupe::test::CliRun& r) {
  return QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
}

// A project holding one 8x6 PNG "a.png" with one box, for bad input to bounce off.
fs::path seededProject(const fs::path& dir) {
  writeFile(dir / "seed/a.png", loupe::test::smallPng());
  writeFile(dir / "seed/seed.json", std::string(R"({"images": [{"id": 5, "file_name": "a.png", "width": 8, "height": 6}],
    "categories": [{"id": 3, "name": "cat"}],
    "annotations": [{"id": 1, "image_id": 5, "category_id": 3, "bbox": [1, 2, 3, 2]}]})"));
  const fs::path project = dir / "p.loupe";
  if (runLoupe({"new", q(project)}).exitCode != 0) return {};
  const auto r = runLoupe({"import", q(project), "--format", "coco", q(dir / "seed/seed.json")});
  if (r.exitCode != 0) qWarning() << r.err.c_str();
  return project;
}

// Every line of `err`; each must be one of Loupe's own ("loupe: ...").
QStringList stderrLines(const std::string& err) {
  QStringList lines = QString::fromStdString(err).split('\n');
  if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
  return lines;
}

}  // namespace

class TestCliImport : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY2(!qEnvironmentVariable("LOUPE_CLI").isEmpty(), "LOUPE_CLI is not set"); }

  void refusedFileLeavesProjectUnchanged_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");  // substring of the one stderr line
    const QByteArray coco1 = R"({"images": [{"id": 1, "file_name": "b.png", "width": 10, "height": 10}],
 "categories": [{"id": 1, "name": "cat"}],
 "annotations": [)";
    QTest::newRow("CSV item name not UTF-8") << "csv" << "bad.csv" << QByteArray("item,labeler,label\nd\xFF.png,ann,cat\n")
                                             << "bad.csv:2: column item: item name is not valid UTF-8";
    QTest::newRow("CSV class with a line break") << "csv" << "bad.csv" << QByteArray("item,labeler,label\na.png,ann,\"c\nat\"\n")
                                                 << "bad.csv:2: column label: class name contains the control character U+000A";
    QTest::newRow("CSV labeler not UTF-8") << "csv" << "bad.csv" << QByteArray("item,labeler,label\na.png,an\xC3,cat\n")
                                           << "bad.csv:2: column labeler: labeler name is not valid UTF-8";
    QTest::newRow("CSV attribute value not UTF-8") << "csv" << "bad.csv" << QByteArray("item,key,value\na.png,light,d\xE9j\xE0\n")
                                                   << "bad.csv:2: column value: attribute value is not valid UTF-8";
    QTest::newRow("VOC class not UTF-8")
        << "voc" << "voc/Annotations/b.xml"
        << QByteArray("<annotation>\n<filename>b.png</filename>\n<size><width>10</width><height>10</height></size>\n"
                      "<object><name>c\xFFt</name>\n<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>"
                      "</object>\n</annotation>\n")
        << "b.xml:4: <object>[0]/name: class name is not valid UTF-8";
    QTest::newRow("VOC width 64.9")
        << "voc" << "voc/Annotations/b.xml"
        << QByteArray("<annotation>\n<filename>b.png</filename>\n<size><width>64.9</width><height>10</height></size>\n"
                      "</annotation>\n")
        << "b.xml:3: <size>/width: not a whole number of pixels: 64.9";
    QTest::newRow("COCO width past 32 bits")
        << "coco" << "bad.json"
        << QByteArray(R"({"images": [{"id": 1, "file_name": "b.png", "width": 4294967396, "height": 10}], "categories": []})")
        << "bad.json:1: images[0].width: number out of range: 4294967396";
    QTest::newRow("COCO 1e309") << "coco" << "bad.json"
                                << QByteArray("{\"categories\": [],\n \"images\": [{\"id\": 1, \"file_name\": \"b.png\",\n"
                                              "   \"width\": 1e309, \"height\": 10}]}\n")
                                << "bad.json:3: images[0].width: number out of range";
    QTest::newRow("COCO score 75") << "coco" << "bad.json"
                                   << coco1 + R"({"image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "score": 75}]})"
                                   << "bad.json:3: annotations[0].score: score 75 is not in [0, 1]";
    QTest::newRow("COCO negative area") << "coco" << "bad.json"
                                        << coco1 + R"({"image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "area": -4}]})"
                                        << "bad.json:3: annotations[0].area: area -4 is out of range";
    QTest::newRow("CSV box of unknown size with w=1e308") << "csv" << "bad.csv"
                                                          << QByteArray("item,labeler,label,x,y,w,h\nnew.png,ann,cat,0,0,1e308,1\n")
                                                          << "bad.csv:2: column w: number out of range";
    QTest::newRow("CSV score 7") << "csv" << "bad.csv"
                                 << QByteArray("item,labeler,label,x,y,w,h,score\na.png,ann,cat,1,1,2,2,7\n")
                                 << "bad.csv:2: column score: score 7 is not in [0, 1]";
  }
  void refusedFileLeavesProjectUnchanged() {
    QFETCH(QString, format);
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    const fs::path input = dir / file.toStdString();
    writeFile(input, content.toStdString());
    const auto before = loupe::test::fileBytes(project);
    const fs::path path = format == "voc" ? dir / "voc" : input;
    const auto r = runLoupe({"import", q(project), "--format", format, q(path)});
    QCOMPARE(r.exitCode, 1);
    const QStringList lines = stderrLines(r.err);
    QVERIFY2(lines.size() == 1 && lines[0].startsWith("loupe: "), r.err.c_str());
    QVERIFY2(lines[0].contains(expected), r.err.c_str());
    QCOMPARE(loupe::test::fileBytes(project), before);
  }

  void folderImportSkipsAndReportsBadFiles() {
    QTemporaryDir tmp, elsewhere;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    const fs::path root = dir / "photos";
    writeFile(root / "good.png", loupe::test::smallPng());
    // libpng warns about this one on stderr (a text chunk with a bad CRC) but decodes it.
    writeFile(root / "warn.png", loupe::test::pngWithChunkAfterHeader(loupe::test::pngChunk("tEXt", {'a', 0, 'b'}, true)));
    writeFile(root / "huge.png", loupe::test::pngDeclaring(50000, 50000));
    writeFile(root / "crc.png", loupe::test::pngWithBadIdatCrc());
    fs::create_symlink("loop.png", root / "loop.png");
    const fs::path secret = fs::path(elsewhere.path().toStdString()) / "secret.png";
    writeFile(secret, loupe::test::smallPng());
    fs::create_symlink(secret, root / "outside.png");

    auto r = runLoupe({"import", q(project), "--format", "folder", q(root)});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json(r)["items_added"].toInt(), 2);
    const QJsonArray warnings = json(r)["warnings"].toArray();
    QCOMPARE(warnings.size(), 4);
    const QStringList lines = stderrLines(r.err);
    QCOMPARE(lines.size(), 4);
    for (const QString& line : lines) QVERIFY2(line.startsWith("loupe: warning: skipped " + q(root)), r.err.c_str());
    const QString all = QString::fromStdString(r.err);
    QVERIFY2(all.contains("huge.png: image is 50000x50000, larger than the 32767-pixel side limit"), r.err.c_str());
    QVERIFY2(all.contains("crc.png: cannot decode image (libpng error: IDAT: CRC error)"), r.err.c_str());
    QVERIFY2(all.contains("loop.png: symbolic link loop"), r.err.c_str());
    QVERIFY2(all.contains("outside.png: symbolic link leads outside the dataset folder"), r.err.c_str());

    // Asked to, the link out of the folder is followed.
    r = runLoupe({"import", q(project), "--format", "folder", q(root), "--follow-symlinks"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json(r)["items_added"].toInt(), 1);
    QCOMPARE(json(r)["items_matched"].toInt(), 2);
  }

  void annotatedImageBehindALinkOutIsRefused() {
    QTemporaryDir tmp, elsewhere;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    const fs::path secret = fs::path(elsewhere.path().toStdString()) / "secret.png";
    writeFile(secret, loupe::test::smallPng());
    writeFile(dir / "coco/c.json", std::string(R"({"images": [{"id": 1, "file_name": "b.png", "width": 8, "height": 6}],
      "categories": [], "annotations": []})"));
    fs::create_symlink(secret, dir / "coco/b.png");
    const auto before = loupe::test::fileBytes(project);
    auto r = runLoupe({"import", q(project), "--format", "coco", q(dir / "coco/c.json")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(stderrLines(r.err).size(), 1);
    QVERIFY2(QString::fromStdString(r.err).contains("b.png: symbolic link leads outside the dataset folder"), r.err.c_str());
    QCOMPARE(loupe::test::fileBytes(project), before);
    r = runLoupe({"import", q(project), "--format", "coco", q(dir / "coco/c.json"), "--follow-symlinks"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json(r)["media_added"].toInt(), 1);
  }

  void twoSpellingsOfOnePathAreOneItem() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    writeFile(dir / "l.csv", std::string("item,labeler,label\n./a.png,ann,cat\nd.png,ann,cat\n./d.png,ann,dog\n"));
    const auto r = runLoupe({"import", q(project), "--format", "csv", q(dir / "l.csv")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(json(r)["items_added"].toInt(), 1);    // d.png
    QCOMPARE(json(r)["items_matched"].toInt(), 1);  // a.png, already in the project
  }

  void imagesFolderFeedsLabelStudioAndCvat() {
    // The images live apart from the exported file: without --images the items come in as
    // labels only; with it their media is stored (and a re-import attaches what was missing).
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    writeFile(dir / "pics/a.png", loupe::test::smallPng());  // 8 x 6
    writeFile(dir / "export/tasks.json", std::string(R"([{"id": 1, "data": {"image": "/data/upload/3/a.png"},
      "annotations": [{"completed_by": 7, "result": [{"type": "rectanglelabels", "original_width": 8,
        "original_height": 6, "value": {"x": 25, "y": 50, "width": 50, "height": 25, "rectanglelabels": ["cat"]}}]}]}])"));
    writeFile(dir / "export/annotations.xml", std::string(R"(<annotations><version>1.1</version>
      <meta><task><labels><label><name>cat</name></label></labels></task></meta>
      <image id="0" name="a.png" width="8" height="6"><box label="cat" xtl="1" ytl="2" xbr="5" ybr="4" occluded="0"/></image>
      </annotations>)"));
    for (const char* format : {"label-studio", "cvat"}) {
      const fs::path project = dir / (std::string(format) + ".loupe");
      QCOMPARE(runLoupe({"new", q(project)}).exitCode, 0);
      const fs::path file = dir / "export" / (std::string(format) == "cvat" ? "annotations.xml" : "tasks.json");
      auto r = runLoupe({"import", q(project), "--format", format, q(file)});
      QVERIFY2(r.exitCode == 0, r.err.c_str());
      QCOMPARE(json(r)["items_added"].toInt(), 1);
      QCOMPARE(json(r)["media_added"].toInt(), 0);
      r = runLoupe({"import", q(project), "--format", format, q(file), "--images", q(dir / "pics")});
      QVERIFY2(r.exitCode == 0, r.err.c_str());
      QCOMPARE(json(r)["media_added"].toInt(), 1);
      QCOMPARE(json(r)["annotations_added"].toInt(), 0);
    }
    const auto missing = runLoupe({"import", q(dir / "cvat.loupe"), "--format", "cvat", q(dir / "export/annotations.xml"),
                                   "--images", q(dir / "nowhere")});
    QCOMPARE(missing.exitCode, 2);  // CLI11: the folder does not exist
  }

  void tagRefusesControlCharacters() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    const auto before = loupe::test::fileBytes(project);
    const auto r = runLoupe({"tag", q(project), "a.png", "blur\x01ry"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, std::string("loupe: attribute value contains the control character U+0001 at offset 4\n"));
    QCOMPARE(loupe::test::fileBytes(project), before);
  }
};

QTEST_GUILESS_MAIN(TestCliImport)
#include "test_cli_import.moc"
