// `loupe new/import/export/info/demo` through the real executable ($LOUPE_CLI): JSON on stdout,
// exit codes, one-line errors naming file and line/field, and for every bad input the project
// file byte-for-byte unchanged.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "storage/project.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/read_only_path.h"

namespace fs = std::filesystem;

namespace {
struct Run {
  int exitCode = -1;
  QByteArray out;
  QByteArray err;
  QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

Run runLoupe(const QStringList& args) {
  QProcess p;
  p.start(qEnvironmentVariable("LOUPE_CLI"), args);
  if (!p.waitForFinished(120000)) qWarning() << "loupe did not finish:" << args;
  return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

QString q(const fs::path& p) { return QString::fromStdString(p.string()); }

void writeFile(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << text;
}

// A project holding one 64x48 PNG image "a.png" (beside seed.json) with one box, for bad-input
// runs to bounce off.
fs::path seededProject(const fs::path& dir) {
  cv::Mat img(48, 64, CV_8UC1, cv::Scalar(128));
  cv::imwrite((dir / "a.png").string(), img);
  writeFile(dir / "seed.json", R"({"images": [{"id": 5, "file_name": "a.png", "width": 64, "height": 48}],
    "categories": [{"id": 3, "name": "cat"}],
    "annotations": [{"id": 1, "image_id": 5, "category_id": 3, "bbox": [1, 2, 30, 20]}]})");
  const fs::path project = dir / "p.loupe";
  if (runLoupe({"new", q(project)}).exitCode != 0) return {};
  const Run r = runLoupe({"import", q(project), "--format", "coco", q(dir / "seed.json")});
  if (r.exitCode != 0) qWarning() << r.err;
  return project;
}
}  // namespace

class TestCliStorage : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { QVERIFY2(!qEnvironmentVariable("LOUPE_CLI").isEmpty(), "LOUPE_CLI is not set"); }

  void newImportInfoExport() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = dir / "p.loupe";
    Run r = runLoupe({"new", q(project)});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["schema_version"].toInt(), 3);
    r = runLoupe({"new", q(project)});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, QByteArray("loupe: project already exists: ") + q(project).toUtf8() + "\n");

    const QString coco = QStringLiteral(LOUPE_TEST_DATA) + "/formats/coco/instances.json";
    r = runLoupe({"import", q(project), "--format", "coco", coco});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["items_added"].toInt(), 3);
    QCOMPARE(r.json()["annotations_added"].toInt(), 4);
    QCOMPARE(r.json()["classes_added"].toInt(), 3);
    QCOMPARE(r.json()["labelers_added"].toInt(), 1);

    // A re-import adds nothing.
    r = runLoupe({"import", q(project), "--format", "coco", coco});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["items_added"].toInt(), 0);
    QCOMPARE(r.json()["annotations_added"].toInt(), 0);
    QCOMPARE(r.json()["annotations_skipped"].toInt(), 4);

    r = runLoupe({"info", q(project), "--json"});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject info = r.json();
    const auto db = loupe::storage::Project::open(project).stats();
    QCOMPARE(info["items"].toInt(), static_cast<int>(db.items));
    QCOMPARE(info["classes"].toInt(), static_cast<int>(db.classes));
    QCOMPARE(info["labelers"].toInt(), static_cast<int>(db.labelers));
    QCOMPARE(info["annotations"].toObject()["box"].toInt(), 4);
    QCOMPARE(info["annotations"].toObject()["label"].toInt(), static_cast<int>(db.imageLabels));
    QCOMPARE(info["splits"].toObject()["unassigned"].toInt(), static_cast<int>(db.items));
    QCOMPARE(info["class_list"].toArray().at(1).toString(), QString("bicycle"));
    r = runLoupe({"info", q(project)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("4 boxes"));

    const fs::path out = dir / "out.json";
    r = runLoupe({"export", q(project), "--format", "coco", q(out), "--labeler", "import"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["annotations"].toInt(), 4);
    QVERIFY(fs::exists(out));
    const fs::path again = dir / "again.loupe";
    QCOMPARE(runLoupe({"new", q(again)}).exitCode, 0);
    r = runLoupe({"import", q(again), "--format", "coco", q(out), "--labeler", "net", "--kind", "model"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["annotations_added"].toInt(), 4);
    const auto net = loupe::storage::Project::open(again).labelers().byName("net");
    QVERIFY(net && net->kind == loupe::LabelerKind::Model);

    const QString labels = QStringLiteral(LOUPE_TEST_DATA) + "/formats/csv/labels.csv";
    // Rows with an empty labeler column go to --labeler.
    r = runLoupe({"import", q(project), "--format", "csv", labels, "--labeler", "sheet", "--kind", "human"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["labelers_added"].toInt(), 3);  // alice, sheet, bob
    QCOMPARE(r.json()["items_added"].toInt(), 2);     // x1, x2: labels-only items

    QCOMPARE(runLoupe({"info", q(project), "--json"}).json()["annotations"].toObject()["label"].toInt(), 3);
  }

  void badInputLeavesProjectUnchanged_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("expected");  // substring of the one stderr line
    QTest::newRow("malformed JSON") << "coco" << "bad.json" << "{\n  \"images\": [\n  }\n"
                                    << "bad.json:3";
    QTest::newRow("malformed XML") << "voc" << "voc/Annotations/a.xml"
                                   << "<annotation>\n<filename>a.png</filename>\n<size><width>64</width>\n</annotation>\n"
                                   << "a.xml:4";
    QTest::newRow("malformed CSV") << "csv" << "bad.csv" << "item,labeler,label\n\"a.png,ann,cat\n" << "bad.csv:2";
    QTest::newRow("wrong column count") << "csv" << "bad.csv" << "item,labeler,label,x,y,w,h\na.png,ann,cat,1,2,3\n"
                                        << "bad.csv:2: expected 7 columns";
    QTest::newRow("box outside the image (CSV against the stored 64x48 image)")
        << "csv" << "bad.csv" << "item,labeler,label,x,y,w,h\na.png,ann,cat,1,2,3,4\na.png,ann,cat,50,40,20,5\n"
        << "bad.csv:3: box: box outside the image";
    QTest::newRow("box outside the image (COCO)")
        << "coco" << "bad.json"
        << R"({"images": [{"id": 1, "file_name": "b.png", "width": 10, "height": 10}],
              "categories": [{"id": 1, "name": "cat"}],
              "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [5, 5, 10, 1]}]})"
        << "annotations[0].bbox: box outside the image";
    QTest::newRow("unknown class id")
        << "coco" << "bad.json"
        << R"({"images": [{"id": 1, "file_name": "b.png", "width": 10, "height": 10}],
              "categories": [{"id": 1, "name": "cat"}],
              "annotations": [{"id": 1, "image_id": 1, "category_id": 9, "bbox": [1, 1, 2, 2]}]})"
        << "category_id";
    QTest::newRow("../ in a file name") << "csv" << "bad.csv" << "item,labeler,label\n../../x.png,ann,cat\n"
                                        << "bad.csv:2: column item";
    QTest::newRow("truncated image")
        << "coco" << "trunc/c.json"
        << R"({"images": [{"id": 1, "file_name": "t.png", "width": 64, "height": 48}],
              "categories": [{"id": 1, "name": "cat"}], "annotations": []})"
        << "t.png";
  }
  void badInputLeavesProjectUnchanged() {
    QFETCH(QString, format);
    QFETCH(QString, file);
    QFETCH(QString, content);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QVERIFY(!project.empty());
    const fs::path input = dir / file.toStdString();
    writeFile(input, content.toStdString());
    if (file.startsWith("trunc/")) {
      // A PNG cut off after its first 40 bytes.
      const auto full = loupe::test::fileBytes(dir / "a.png");
      writeFile(dir / "trunc" / "t.png", std::string(full.begin(), full.begin() + 40));
    }
    const auto before = loupe::test::fileBytes(project);
    const fs::path path = format == "voc" ? dir / "voc" : input;
    const Run r = runLoupe({"import", q(project), "--format", format, q(path)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith("loupe: "), r.err.constData());
    QVERIFY2(r.err.count('\n') == 1 && r.err.endsWith('\n'), r.err.constData());
    QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains(fs::path(file.toStdString()).filename().string().c_str()) || file.startsWith("trunc/"),
             r.err.constData());
    QCOMPARE(loupe::test::fileBytes(project), before);
    QVERIFY(!fs::exists(project.string() + "-wal") || fs::file_size(project.string() + "-wal") == 0);
  }

  void nonProjectFileIsRefused() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path notProject = dir / "labels.csv";
    writeFile(notProject, "item,labeler,label\na.png,ann,cat\n");
    const auto before = loupe::test::fileBytes(notProject);
    for (const QStringList& args :
         {QStringList{"info", q(notProject)}, QStringList{"import", q(notProject), "--format", "csv", q(notProject)},
          QStringList{"export", q(notProject), "--format", "csv", q(dir / "o.csv")}}) {
      const Run r = runLoupe(args);
      QCOMPARE(r.exitCode, 1);
      QCOMPARE(r.err, "loupe: not a Loupe project: " + q(notProject).toUtf8() + "\n");
      QCOMPARE(loupe::test::fileBytes(notProject), before);
    }
    QVERIFY(!fs::exists(dir / "o.csv"));
  }

  // A project in a folder nobody may write: read verbs work, write verbs say why they cannot.
  void readOnlyProjectIsReadNotWritten() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    const auto before = loupe::test::fileBytes(project);
    loupe::test::ReadOnlyPath readOnly(dir);
    if (!readOnly.ok()) QSKIP("cannot make a folder read-only here");
    Run r = runLoupe({"info", q(project), "--json"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["items"].toInt(), 1);
    r = runLoupe({"tag", q(project), "a.png", "blurry"});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, "loupe: " + q(project).toUtf8() + ": project is read-only\n");
    QCOMPARE(loupe::test::fileBytes(project), before);
  }

  // Another program removed a class its annotations still use: the export names them.
  void exportWithADanglingClassNamesIt() {
    QTemporaryDir tmp;
    const fs::path dir = tmp.path().toStdString();
    const fs::path project = seededProject(dir);
    QCOMPARE(loupe::test::rawExec(project, "PRAGMA foreign_keys = OFF; DELETE FROM classes"), std::string());
    const Run r = runLoupe({"export", q(project), "--format", "coco", q(dir / "out.json")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err, "loupe: " + q(project).toUtf8() +
                        ": project file is damaged (annotation 1 on item 'a.png' refers to class 1, which is not "
                        "in the project)\n");
    QVERIFY(!fs::exists(dir / "out.json"));
  }

  // `loupe demo` builds the box demo; `--kind classification` the image-label one.
  void demoProject() {
    QTemporaryDir tmp;
    const fs::path boxes = fs::path(tmp.path().toStdString()) / "boxes.loupe";
    Run r = runLoupe({"demo", q(boxes)});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["kind"].toString(), QString("boxes"));
    QCOMPARE(r.json()["items"].toInt(), 10000);
    const int referenceBoxes = r.json()["reference_boxes"].toInt();
    QVERIFY(referenceBoxes >= 10000 && referenceBoxes <= 50000);
    r = runLoupe({"info", q(boxes), "--json"});
    QJsonObject info = r.json();
    QCOMPARE(info["items"].toInt(), 10000);
    QCOMPARE(info["classes"].toInt(), 10);
    QCOMPARE(info["labelers"].toInt(), 4);
    QCOMPARE(info["annotations"].toObject()["label"].toInt(), 0);
    QVERIFY(info["annotations"].toObject()["box"].toInt() > referenceBoxes);
    const QJsonObject splits = info["splits"].toObject();
    QCOMPARE(splits["train"].toInt() + splits["val"].toInt() + splits["test"].toInt(), 10000);
    QVERIFY(splits["val"].toInt() > 0 && splits["test"].toInt() > 0);

    const fs::path project = fs::path(tmp.path().toStdString()) / "demo.loupe";
    r = runLoupe({"demo", q(project), "--kind", "classification"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["items"].toInt(), 3000);
    QCOMPARE(r.json()["reference_labels"].toInt(), 3000);
    r = runLoupe({"info", q(project), "--json"});
    info = r.json();
    QCOMPARE(info["items"].toInt(), 3000);
    QCOMPARE(info["classes"].toInt(), 10);
    QCOMPARE(info["labelers"].toInt(), 4);
    QCOMPARE(info["splits"].toObject()["train"].toInt(), 2100);
    QCOMPARE(info["splits"].toObject()["val"].toInt(), 300);
    QCOMPARE(info["splits"].toObject()["test"].toInt(), 600);
    // Building it again is refused rather than overwriting; an unknown kind is one clear error.
    QCOMPARE(runLoupe({"demo", q(project)}).exitCode, 1);
    const auto bad = runLoupe({"demo", q(fs::path(tmp.path().toStdString()) / "x.loupe"), "--kind", "video"});
    QVERIFY(bad.exitCode != 0);
    QVERIFY(!fs::exists(fs::path(tmp.path().toStdString()) / "x.loupe"));
    // --scenes sizes the box demo, and is refused for the classification demo.
    const fs::path few = fs::path(tmp.path().toStdString()) / "few.loupe";
    r = runLoupe({"demo", q(few), "--scenes", "9"});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.json()["items"].toInt(), 9);
    QCOMPARE(runLoupe({"info", q(few), "--json"}).json()["items"].toInt(), 9);
    const fs::path wrong = fs::path(tmp.path().toStdString()) / "wrong.loupe";
    QCOMPARE(runLoupe({"demo", q(wrong), "--kind", "classification", "--scenes", "9"}).exitCode, 2);
    QVERIFY(!fs::exists(wrong));
  }
};

QTEST_GUILESS_MAIN(TestCliStorage)
#include "test_cli_storage.moc"
