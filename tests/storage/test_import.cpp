// importDataset / exportDataset against real project files: what gets stored, what a re-import
// adds (nothing), and that bad input is refused before anything is written.
#include <QTemporaryDir>
#include <QtTest>

#include "core/domain/errors.h"
#include "storage/sql/connection.h"
#include "storage/transfer/import.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/sample_dataset.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
// Every explicit index as "name: CREATE INDEX ...", sorted by name.
std::vector<std::string> indexes(const Project& p) {
  auto st = p.connection().prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.text(0) + ": " + st.text(1));
  return out;
}

std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

ImportOptions options(const std::string& labeler = "ann", LabelerKind kind = LabelerKind::Human) {
  ImportOptions o;
  o.labeler = labeler;
  o.kind = kind;
  o.source = "import:test";
  o.sourceFile = "sample.json";
  return o;
}

// Runs `f`, which must throw InputError whose message contains each of `parts`.
void expectInputError(const std::function<void()>& f, const std::vector<std::string>& parts) {
  try {
    f();
  } catch (const InputError& e) {
    const std::string what = e.what();
    for (const auto& p : parts) QVERIFY2(what.find(p) != std::string::npos, (what + " lacks " + p).c_str());
    return;
  }
  QFAIL("no InputError");
}
}  // namespace

class TestImport : public QObject {
  Q_OBJECT
 private slots:
  void importStoresEverything() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const Dataset d = test::sampleDataset();
    const ImportReport r = importDataset(p, d, options());
    QCOMPARE(r.itemsAdded, 3);
    QCOMPARE(r.mediaAdded, 3);
    QCOMPARE(r.annotationsAdded, 6);
    QCOMPARE(r.classesAdded, 3);
    QCOMPARE(r.labelersAdded, 1);
    QCOMPARE(r.attributesSet, 2);

    const auto wide = p.itemByName("frames/wide.png");
    QVERIFY(wide);
    QCOMPARE(wide->item.width, 640);
    QCOMPARE(wide->item.height, 360);
    QVERIFY(wide->item.split == Split::Train);
    QCOMPARE(wide->item.source, std::string("import:test"));
    QCOMPARE(wide->item.contentHash, d.images[0].contentHash);
    QCOMPARE(p.media(wide->item.id)->bytes, d.images[0].media->bytes);
    QCOMPARE(p.attributes(wide->item.id).at("light"), std::string("day"));
    const auto boxes = p.annotations(wide->item.id);
    QCOMPARE(boxes.size(), std::size_t{2});
    QCOMPARE(boxes[1].box, (Box{600.5, 300.25, 39.5, 59.75}));
    QCOMPARE(p.classById(boxes[1].classId)->name, std::string("person"));
    QCOMPARE(p.classFileId(p.classByName("dog")->id).value_or(-1), 12);
    QCOMPARE(p.classes()[1].name, std::string("bicycle"));  // file order kept
    QVERIFY(p.labelerByName("ann")->kind == LabelerKind::Human);
    QCOMPARE(p.changeLog(1).at(0).action, std::string("import"));
  }

  // An import into empty tables drops their secondary indexes and rebuilds them after the rows
  // are in; afterwards the schema must be exactly what it was, and the indexes must be usable.
  void bulkLoadRebuildsTheSameIndexes() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const auto before = indexes(p);
    QVERIFY(before.size() >= 5);
    importDataset(p, test::sampleDataset(), options());
    QCOMPARE(indexes(p), before);
    auto plan = p.connection().prepare("EXPLAIN QUERY PLAN SELECT id FROM annotations WHERE labeler_id = 1");
    QVERIFY(plan.step());
    QVERIFY2(plan.text(3).find("annotations_labeler") != std::string::npos, plan.text(3).c_str());
    auto check = p.connection().prepare("PRAGMA integrity_check");
    QVERIFY(check.step());
    QCOMPARE(check.text(0), std::string("ok"));
  }

  void reimportAddsNothing() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project p = Project::create(file);
    const Dataset d = test::sampleDataset();
    importDataset(p, d, options());
    const auto before = p.stats();
    const ImportReport again = importDataset(p, d, options());
    QCOMPARE(again.itemsAdded, 0);
    QCOMPARE(again.itemsMatched, 3);
    QCOMPARE(again.mediaAdded, 0);
    QCOMPARE(again.annotationsAdded, 0);
    QCOMPARE(again.annotationsSkipped, 6);
    QCOMPARE(again.classesAdded, 0);
    QCOMPARE(again.attributesSet, 0);
    const auto after = p.stats();
    QCOMPARE(after.items, before.items);
    QCOMPARE(after.boxes, before.boxes);
    // Boxes that differ by less than the 1e-3 px rounding are the same box; larger moves are not.
    Dataset nudged = d;
    nudged.annotations[0].box.x += 0.0001;
    QCOMPARE(importDataset(p, nudged, options()).annotationsAdded, 0);
    nudged.annotations[0].box.x += 0.01;
    QCOMPARE(importDataset(p, nudged, options()).annotationsAdded, 1);
    // The same boxes from another labeler are that labeler's own annotations.
    QCOMPARE(importDataset(p, d, options("net", LabelerKind::Model)).annotationsAdded, 6);
    QVERIFY(p.labelerByName("net")->kind == LabelerKind::Model);
  }

  // Repeats inside one file are found without any stored annotation to compare with: the first
  // in file order is kept, under the same 1e-3 px identity a re-import uses.
  void duplicatesWithinOneFileAreStoredOnce() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    Dataset d;
    d.classes = {"dog", "cat"};
    d.images = {test::pngImage("a.png", 100, 100, Split::Train)};
    d.annotations = {test::boxOn("a.png", "dog", {10, 10, 20, 20}),
                     test::boxOn("a.png", "dog", {10.0004, 10, 20, 20}),  // same box after rounding
                     test::boxOn("a.png", "dog", {10.01, 10, 20, 20}),    // a different box
                     test::boxOn("a.png", "cat", {10, 10, 20, 20}),       // another class
                     test::labelOn("a.png", "dog"),
                     test::labelOn("b.png", "dog"),                       // a labels-only item
                     test::labelOn("a.png", "dog"),
                     test::labelOn("a.png", "dog", "bob"),                // another labeler
                     test::boxOn("a.png", "dog", {10, 10, 20, 20})};
    const ImportReport r = importDataset(p, d, options());
    QCOMPARE(r.annotationsAdded, 6);
    QCOMPARE(r.annotationsSkipped, 3);
    QCOMPARE(r.itemsAdded, 2);
    QCOMPARE(r.labelersAdded, 2);
    const auto a = p.itemByName("a.png");
    QVERIFY(a);
    const auto stored = p.annotations(a->item.id);
    QCOMPARE(stored.size(), std::size_t{5});
    QCOMPARE(stored[0].box, (Box{10, 10, 20, 20}));  // the first, not the nudged copy
    QCOMPARE(stored[1].box, (Box{10.01, 10, 20, 20}));
    QCOMPARE(p.annotations(p.itemByName("b.png")->item.id).size(), std::size_t{1});
    // The file again: everything is already there.
    const ImportReport again = importDataset(p, d, options());
    QCOMPARE(again.annotationsAdded, 0);
    QCOMPARE(again.annotationsSkipped, 9);
  }

  void labelsOnlyItemsThenMedia() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    // A labels spreadsheet first: items it names are created without media.
    Dataset labels;
    labels.classes = {"dog", "person"};
    labels.annotations = {test::labelOn("tall.png", "dog", "alice"), test::labelOn("tall.png", "person", "bob"),
                          test::labelOn("unknown.png", "dog", "alice")};
    const ImportReport r = importDataset(p, labels, options());
    QCOMPARE(r.itemsAdded, 2);
    QCOMPARE(r.labelersAdded, 2);
    QVERIFY(!p.labelerByName("ann"));  // every row named its labeler
    const auto tall = p.itemByName("tall.png");
    QVERIFY(tall);
    QVERIFY(!tall->item.mediaId);
    QVERIFY(!p.media(tall->item.id));
    QCOMPARE(p.itemIds({.hasDisagreement = true}), (std::vector<Id>{tall->item.id}));
    // Then the images: the stored item gets its media and size, nothing is duplicated.
    const ImportReport media = importDataset(p, test::sampleDataset(), options());
    QCOMPARE(media.itemsAdded, 2);
    QCOMPARE(media.itemsMatched, 1);
    QCOMPARE(media.mediaAdded, 3);
    const auto after = p.item(tall->item.id);
    QCOMPARE(after->item.width, 240);
    QVERIFY(after->item.mediaId);
    QCOMPARE(p.countItems(), 4);
  }

  void badInputIsRefusedBeforeWriting_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("box outside the image") << 0 << "sample.json:7: box: box outside the image";
    QTest::newRow("unknown class") << 1 << "class: unknown class 'unicorn'";
    QTest::newRow("../ in an item name") << 2 << "'..' not allowed";
    QTest::newRow("duplicate item name") << 3 << "images[2].name: duplicate item name";
    QTest::newRow("negative box size") << 4 << "negative box size";
    QTest::newRow("NaN coordinate") << 5 << "must be finite";
    QTest::newRow("box outside a stored image") << 6 << "in a 240x320 image";
    QTest::newRow("absolute item name") << 7 << "absolute file name";
    // A Dataset built in memory passes no reader: storage applies the same rules itself.
    QTest::newRow("class name not UTF-8") << 8 << "class name is not valid UTF-8";
    QTest::newRow("labeler with a line break") << 9 << "labeler: labeler name contains the control character U+000A";
    QTest::newRow("score 7") << 10 << "score: score 7 is not in [0, 1]";
    QTest::newRow("x=1e300 on an item of unknown size") << 11 << "box: box x 1e+300 is out of range";
    QTest::newRow("item name not normalised") << 12 << "not a normalised relative path";
    QTest::newRow("attribute value not UTF-8") << 13 << "attributes: attribute value is not valid UTF-8";
    QTest::newRow("image wider than the limit") << 14 << "image is 40000x10, larger than the 32767-pixel side limit";
    QTest::newRow("default labeler with a NUL") << 15 << "labeler: labeler name contains the control character U+0000";
  }
  void badInputIsRefusedBeforeWriting() {
    QFETCH(int, which);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    std::vector<char> before;
    {
      Project p = Project::create(file);
      importDataset(p, test::sampleDataset(), options());
      p.checkpoint();
      before = test::fileBytes(file);
      Dataset d = test::sampleDataset();
      d.images.push_back(test::pngImage("new.png", 10, 10, Split::Train));
      switch (which) {
        case 0: d.annotations.push_back(test::boxOn("small.png", "dog", {90, 0, 20, 10}, 7)); break;
        case 1: d.annotations.push_back(test::labelOn("small.png", "unicorn")); break;
        case 2: d.images.back().name = "a/../../etc/passwd"; break;
        case 3: d.images.back().name = "tall.png"; d.images.erase(d.images.begin()); break;
        case 4: d.annotations.push_back(test::boxOn("small.png", "dog", {1, 1, -2, 3})); break;
        case 5: d.annotations.push_back(test::boxOn("small.png", "dog", {std::nan(""), 1, 2, 3})); break;
        case 6:
          // A boxes-only file (no image sizes) against an item the project knows is 240x320.
          d = Dataset{};
          d.classes = {"dog"};
          d.annotations.push_back(test::boxOn("tall.png", "dog", {200, 300, 50, 10}, 3));
          break;
        case 7: d.annotations.push_back(test::labelOn("/abs.png", "dog")); break;
        case 8: d.classes.push_back("c\xFFt"); break;
        case 9: d.annotations.push_back(test::labelOn("small.png", "dog", "ann\nx")); break;
        case 10: d.annotations.push_back(test::labelOn("small.png", "dog")); d.annotations.back().score = 7; break;
        case 11: d.annotations.push_back(test::boxOn("labels-only.png", "dog", {1e300, 0, 1, 1})); break;
        case 12: d.images.back().name = "./new.png"; break;
        case 13: d.images.back().attributes["light"] = "d\xE9j\xE0"; break;
        case 14: d.images.back().width = 40000; break;
      }
      const std::string labeler = which == 15 ? std::string("some\0one", 8) : std::string("someone-new");
      expectInputError([&] { importDataset(p, d, options(labeler)); },
                       {"sample.json", expected.toStdString()});
      QVERIFY(!p.labelerByName("someone-new"));
      QVERIFY(!p.itemByName("new.png"));
      p.checkpoint();
    }
    QCOMPARE(test::fileBytes(file), before);
  }

  void writersRefuseBadNames() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    const auto refused = [](const std::function<void()>& f, const std::string& expected) {
      try {
        f();
      } catch (const std::invalid_argument& e) {
        QCOMPARE(std::string(e.what()), expected);
        return;
      }
      QFAIL(("accepted; expected: " + expected).c_str());
    };
    refused([&] { p.addClass("c\xFFt"); }, "class name is not valid UTF-8 (byte \\xFF at offset 1)");
    refused([&] { p.addLabeler(std::string(300, 'l'), LabelerKind::Human); },
            "labeler name is 300 bytes, longer than the 256-byte limit");
    const ClassDef cat = p.addClass("cat");
    refused([&] { p.renameClass(cat.id, "ca\tt"); }, "class name contains the control character U+0009 at offset 2");
    refused([&] { p.addItem(NewItem{.name = "a\x85.png"}); }, "item name is not valid UTF-8 (byte \\x85 at offset 1)");
    const Id item = p.addItem(NewItem{.name = "a.png"});
    refused([&] { p.setAttribute(item, "light", "d\x7F"); }, "attribute value contains the control character U+007F at offset 1");
    QCOMPARE(p.classes().size(), std::size_t{1});
    QVERIFY(!p.labelerByName(std::string(300, 'l')));
    QVERIFY(p.attributes(item).empty());
  }

  void cancelRollsBack() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project p = Project::create(file);
    p.checkpoint();
    const auto before = test::fileBytes(file);
    CancelToken token;
    Progress progress;
    progress.cancel = &token;
    progress.report = [&](std::int64_t, std::int64_t, const std::string& stage) {
      // Cancelled after the items are written; the next progress call throws mid-transaction.
      if (stage == "writing items") token.cancel();
    };
    QVERIFY_THROWS_EXCEPTION(Cancelled, importDataset(p, test::sampleDataset(), options(), progress));
    QCOMPARE(p.countItems(), 0);
    QVERIFY(p.classes().empty());
    p.checkpoint();
    QCOMPARE(test::fileBytes(file), before);
  }

  void exportKeepsOrderIdsAndLabelers() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    importDataset(p, test::sampleDataset(), options());
    Dataset modelOut;
    modelOut.classes = {"dog"};
    DatasetAnnotation pred = test::boxOn("tall.png", "dog", {11, 21, 30, 40});
    pred.score = 0.9;
    modelOut.annotations.push_back(pred);
    importDataset(p, modelOut, options("net", LabelerKind::Model));

    const Dataset all = exportDataset(p);
    QCOMPARE(all.classes, (std::vector<std::string>{"person", "bicycle", "dog"}));
    QCOMPARE(all.classFileIds.at("bicycle"), 7);
    QCOMPARE(all.images.size(), std::size_t{3});
    QCOMPARE(all.images[1].name, std::string("tall.png"));
    QVERIFY(all.images[1].split == Split::Val);
    QCOMPARE(all.images[1].attributes.at("light"), std::string("night"));
    QVERIFY(all.images[1].media);
    QCOMPARE(all.annotations.size(), std::size_t{7});

    const Dataset net = exportDataset(p, {.labeler = "net"});
    QCOMPARE(net.annotations.size(), std::size_t{1});
    QCOMPARE(net.annotations[0].labeler, std::string("net"));
    QCOMPARE(net.annotations[0].score.value_or(0), 0.9);
    const Dataset ann = exportDataset(p, {.labeler = "ann", .withMedia = false});
    QCOMPARE(ann.annotations.size(), std::size_t{6});
    QVERIFY(!ann.images[0].media);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, exportDataset(p, {.labeler = "nobody"}));
  }

  // Another program, foreign keys off, removed what annotations refer to: the export names the
  // annotation, its item and the missing reference.
  void exportNamesDanglingReferences_data() {
    QTest::addColumn<QString>("removal");
    QTest::addColumn<QString>("expected");  // %1: id of the first annotation of tall.png, %2: dog's id
    QTest::newRow("class") << "DELETE FROM classes WHERE name = 'dog'"
                           << "annotation %1 on item 'tall.png' refers to class %2, which is not in the project";
    QTest::newRow("labeler") << "DELETE FROM labelers WHERE name = 'ann'"
                             << "annotation 1 on item 'frames/wide.png' refers to labeler 1, which is not in the project";
    QTest::newRow("item") << "DELETE FROM items WHERE name = 'frames/wide.png'"
                          << "annotation 1 refers to item 1, which is not in the project";
  }
  void exportNamesDanglingReferences() {
    QFETCH(QString, removal);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Id dog = 0, firstOnTall = 0;
    {
      Project p = Project::create(file);
      importDataset(p, test::sampleDataset(), options());
      dog = p.classByName("dog")->id;
      firstOnTall = p.annotations(p.itemByName("tall.png")->item.id).front().id;
      QCOMPARE(p.annotations(p.itemByName("frames/wide.png")->item.id).front().id, Id{1});
    }
    QCOMPARE(test::rawExec(file, "PRAGMA foreign_keys = OFF; " + removal.toStdString()), std::string());
    Project p = Project::open(file);
    try {
      exportDataset(p);
      QFAIL("exported with a dangling reference");
    } catch (const ProjectFileError& e) {
      QCOMPARE(QString(e.what()), QString::fromStdString(file.string() + ": project file is damaged (") +
                                      expected.replace("%1", QString::number(firstOnTall)).replace("%2", QString::number(dog)) + ")");
    }
  }
};

QTEST_GUILESS_MAIN(TestImport)
#include "test_import.moc"
