// Schema versioning: hand-made v0, v1 and v2 files are backed up then migrated, a v999 file and files that
// are not Loupe projects are refused with messages naming the file, and are left untouched.
#include <QTemporaryDir>
#include <QtTest>
#include <fstream>

#include "storage/project.h"
#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v2.h"
#include "storage/sql/connection.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/support/project_reads.h"

using namespace loupe;
using namespace loupe::storage;

namespace {
std::filesystem::path pathIn(const QTemporaryDir& dir, const char* name) {
  return std::filesystem::path(dir.path().toStdString()) / name;
}

// Writes `sql` into a new SQLite file with the plain C API (not through storage), in rollback
// journal mode like files written by the prototype.
void writeRawDatabase(const std::filesystem::path& file, const char* sql) {
  QCOMPARE(test::rawExec(file, sql), std::string());
}

// The prototype format (version 0).
constexpr const char* kV0 = R"sql(
  PRAGMA application_id = 1280267600;  -- 0x4C4F5550 "LOUP"
  PRAGMA user_version = 0;
  CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, width INTEGER, height INTEGER);
  CREATE TABLE labels (id INTEGER PRIMARY KEY, item_id INTEGER, labeler TEXT, label TEXT);
  INSERT INTO items VALUES (1, 'a.png', 32, 24), (2, 'b.png', 32, 24), (3, 'c.png', NULL, NULL);
  INSERT INTO labels VALUES (1, 1, 'ann', 'cat'), (2, 1, 'bob', 'dog'), (3, 2, 'ann', 'dog'),
                            (4, 3, 'bob', 'cat');
)sql";
// A version 1 file: the v1 schema verbatim with two items, two labelers, two classes, three
// image labels, a box with a score and an attribute.
constexpr const char* kV1Data = R"sql(
  PRAGMA application_id = 1280267600;
  PRAGMA user_version = 1;
  INSERT INTO labelers (id, name, kind, created) VALUES (1, 'ref', 'reference', '2026-01-01T00:00:00Z'),
                                                       (2, 'net', 'model', '2026-01-01T00:00:00Z');
  INSERT INTO classes (id, name, color, sort_order) VALUES (1, 'cat', '#ff0000', 0), (2, 'dog', '#00ff00', 1);
  INSERT INTO items (id, name, width, height, split, source, created)
    VALUES (1, 'a.png', 32, 24, 'train', 'import:csv', '2026-01-01T00:00:00Z'),
           (2, 'b.png', 32, 24, 'test', 'import:csv', '2026-01-01T00:00:00Z');
  INSERT INTO annotations (id, item_id, labeler_id, class_id, kind, score, created, updated) VALUES
    (1, 1, 1, 1, 'label', NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    (2, 2, 1, 2, 'label', NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
    (3, 1, 2, 2, 'label', 0.75, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
  INSERT INTO annotations (id, item_id, labeler_id, class_id, kind, x, y, w, h, score, created, updated)
    VALUES (4, 2, 2, 1, 'box', 1, 2, 3, 4, 0.5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
  INSERT INTO item_attributes VALUES (1, 'weather', 'rain');
)sql";

bool hasIndex(sql::Connection& db, const char* name) {
  auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?");
  st.bind(1, name);
  return st.step();
}
}  // namespace

class TestSchema : public QObject {
  Q_OBJECT
 private slots:
  void migratesV0AfterBackingItUp() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "old.loupe");
    writeRawDatabase(file, kV0);
    {
      Project p = Project::open(file);
      QCOMPARE(p.schemaVersion(), 3);  // every step in one go, one backup of the original
      QVERIFY(hasIndex(test::sqlOf(p), "annotations_kind_labeler"));
      QCOMPARE(p.items().count(), 3);
      const auto labelers = p.labelers().all();
      QCOMPARE(labelers.size(), std::size_t{2});
      QCOMPARE(labelers[0].name, std::string("ann"));
      QVERIFY(labelers[0].kind == LabelerKind::Human);
      const auto classes = p.classes().all();
      QCOMPARE(classes.size(), std::size_t{2});
      QCOMPARE(classes[0].name, std::string("cat"));
      QCOMPARE(classes[1].order, 1);
      const auto a = p.items().byName("a.png");
      QVERIFY(a);
      QCOMPARE(a->item.width, 32);
      QCOMPARE(p.items().byName("c.png")->item.width, 0);
      const auto anns = p.annotations().of(a->item.id);
      QCOMPARE(anns.size(), std::size_t{2});
      QCOMPARE(anns[0].classId, p.classes().byName("cat")->id);
      QCOMPARE(anns[1].labelerId, p.labelers().byName("bob")->id);
      QCOMPARE(p.stats().imageLabels, 4);
      QCOMPARE(p.items().ids({.hasDisagreement = true}), (std::vector<Id>{a->item.id}));
    }
    // The backup is the untouched v0 database, still readable as v0.
    const auto backup = pathIn(dir, "old.loupe.bak-v0");
    QVERIFY(std::filesystem::exists(backup));
    QVERIFY(!std::filesystem::exists(pathIn(dir, "old.loupe.bak-v1")));
    sql::Connection raw(backup, sql::OpenMode::ReadOnly);
    QCOMPARE(raw.pragmaInt("user_version"), 0);
    auto st = raw.prepare("SELECT COUNT(*) FROM labels");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), 4);
    // Opening again does not migrate or back up a second time.
    Project again = Project::open(file);
    QCOMPARE(again.schemaVersion(), 3);
  }

  // v2 adds the covering index of the evaluation reads; nothing else may change.
  void migratesV1AfterBackingItUp() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "v1.loupe");
    writeRawDatabase(file, (std::string(schema::kSchemaV1) + kV1Data).c_str());
    {
      Project p = Project::open(file);
      QCOMPARE(p.schemaVersion(), 3);
      QVERIFY(hasIndex(test::sqlOf(p), "annotations_kind_labeler"));
      QCOMPARE(p.items().count(), 2);
      QCOMPARE(p.labelers().all().size(), std::size_t{2});
      QVERIFY(p.labelers().byName("ref")->kind == LabelerKind::Reference);
      QCOMPARE(p.classes().byName("dog")->color, std::string("#00ff00"));
      const auto a = p.items().byName("a.png");
      QVERIFY(a);
      QVERIFY(a->item.split == Split::Train);
      QCOMPARE(a->item.source, std::string("import:csv"));
      QCOMPARE(p.attributes().of(a->item.id), (std::map<std::string, std::string>{{"weather", "rain"}}));
      const auto onA = p.annotations().of(a->item.id);
      QCOMPARE(onA.size(), std::size_t{2});
      QCOMPARE(onA[1].classId, Id{2});
      QCOMPARE(*onA[1].score, 0.75);
      const auto onB = p.annotations().of(p.items().byName("b.png")->item.id, Id{2});
      QCOMPARE(onB.size(), std::size_t{1});
      QVERIFY(onB[0].kind == AnnotationKind::Box);
      QCOMPARE(onB[0].box.w, 3.0);
      QCOMPARE(onB[0].created, std::string("2026-01-01T00:00:00Z"));
      QCOMPARE(p.stats().imageLabels, 3);
      // The label scan of `loupe slices` reads the new index only, never the table.
      auto plan = test::sqlOf(p).prepare(
          "EXPLAIN QUERY PLAN SELECT labeler_id, item_id, class_id, id FROM annotations WHERE kind = 'label'");
      QVERIFY(plan.step());
      QVERIFY2(plan.text(3).find("COVERING INDEX annotations_kind_labeler") != std::string::npos,
               plan.text(3).c_str());
    }
    const auto backup = pathIn(dir, "v1.loupe.bak-v1");
    QVERIFY(std::filesystem::exists(backup));
    sql::Connection raw(backup, sql::OpenMode::ReadOnly);
    QCOMPARE(raw.pragmaInt("user_version"), 1);
    QVERIFY(!hasIndex(raw, "annotations_kind_labeler"));
    auto st = raw.prepare("SELECT COUNT(*) FROM annotations");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), 4);
    Project again = Project::open(file);
    QCOMPARE(again.schemaVersion(), 3);
    QVERIFY(!std::filesystem::exists(pathIn(dir, "v1.loupe.bak-v2")));
  }

  // v3 adds the review decisions and the shadow-mode proposals, empty; the v2 data stays as it was.
  void migratesV2AfterBackingItUp() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "v2.loupe");
    std::string v2Data = kV1Data;
    v2Data.replace(v2Data.find("user_version = 1"), 16, "user_version = 2");
    writeRawDatabase(file, (std::string(schema::kSchemaV1) + schema::kSchemaV2 + v2Data).c_str());
    {
      Project p = Project::open(file);
      QCOMPARE(p.schemaVersion(), 3);
      QVERIFY(hasIndex(test::sqlOf(p), "issue_decisions_labeler"));
      QVERIFY(hasIndex(test::sqlOf(p), "prelabel_proposals_labeler"));
      QCOMPARE(p.items().count(), 2);
      QCOMPARE(p.stats().imageLabels, 3);
      const Id ref = p.labelers().byName("ref")->id;
      QVERIFY(p.issueDecisions().of(ref).empty());
      QVERIFY(p.proposals().of(ref).empty());
      // The new tables work in the migrated file.
      const Id a = p.items().byName("a.png")->item.id;
      p.issueDecisions().record(a, ref, "label:cat", IssueDecisionKind::Dismissed);
      QCOMPARE(p.issueDecisions().of(ref).size(), std::size_t{1});
    }
    const auto backup = pathIn(dir, "v2.loupe.bak-v2");
    QVERIFY(std::filesystem::exists(backup));
    sql::Connection raw(backup, sql::OpenMode::ReadOnly);
    QCOMPARE(raw.pragmaInt("user_version"), 2);
    auto st = raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'issue_decisions'");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), 0);
    Project again = Project::open(file);
    QCOMPARE(again.schemaVersion(), 3);
    QVERIFY(!std::filesystem::exists(pathIn(dir, "v2.loupe.bak-v3")));
  }

  void newProjectHasTheV2Index() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    QCOMPARE(p.schemaVersion(), 3);
    QVERIFY(hasIndex(test::sqlOf(p), "annotations_kind_labeler"));
  }

  void refusesNewerVersion() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "future.loupe");
    writeRawDatabase(file, R"sql(
      PRAGMA application_id = 1280267600;
      PRAGMA user_version = 999;
      CREATE TABLE something_new (x);
    )sql");
    const auto before = test::fileBytes(file);
    try {
      Project::open(file);
      QFAIL("a v999 file was opened");
    } catch (const ProjectFileError& e) {
      const std::string what = e.what();
      QVERIFY2(what.find(file.string()) != std::string::npos, e.what());
      QVERIFY2(what.find("999") != std::string::npos, e.what());
      QVERIFY2(what.find("version 3") != std::string::npos, e.what());
    }
    QCOMPARE(test::fileBytes(file), before);
    QVERIFY(!std::filesystem::exists(file.string() + ".bak-v999"));
  }

  void refusesFilesThatAreNotProjects_data() {
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QByteArray("item,labeler,label\na,b,c\n");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated sqlite header") << QByteArray("SQLite format 3", 15);
  }
  void refusesFilesThatAreNotProjects() {
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const auto file = pathIn(dir, "labels.csv");
    {
      std::ofstream out(file, std::ios::binary);
      out.write(content.constData(), content.size());
    }
    try {
      Project::open(file);
      QFAIL("a non-project file was opened");
    } catch (const ProjectFileError& e) {
      QCOMPARE(std::string(e.what()), "not a Loupe project: " + file.string());
    }
    QCOMPARE(test::fileBytes(file), std::vector<char>(content.begin(), content.end()));
    QVERIFY(!std::filesystem::exists(file.string() + "-wal"));
  }

  void refusesOtherSqliteDatabases() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "other.db");
    writeRawDatabase(file, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    const auto before = test::fileBytes(file);
    QVERIFY_THROWS_EXCEPTION(ProjectFileError, Project::open(file));
    QCOMPARE(test::fileBytes(file), before);
  }

  void newProjectUsesWalAndForeignKeys() {
    QTemporaryDir dir;
    Project p = Project::create(pathIn(dir, "p.loupe"));
    auto& db = test::sqlOf(p);
    auto st = db.prepare("PRAGMA journal_mode");
    QVERIFY(st.step());
    QCOMPARE(st.text(0), std::string("wal"));
    QCOMPARE(db.pragmaInt("foreign_keys"), 1);
    QCOMPARE(db.pragmaInt("application_id"), 0x4C4F5550);
  }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "test_schema.moc"
