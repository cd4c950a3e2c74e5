// A project file may come from anyone. Its schema is code that would run inside Loupe (triggers,
// views) and its index names reach SQL text (the bulk import drops and rebuilds indexes), so a file
// whose schema is not exactly Loupe's is refused with one clear line, and left byte-for-byte as it
// was; connections refuse ATTACH and treat the schema as untrusted.
#include <sqlite3.h>

#include <QTemporaryDir>
#include <QtTest>

#include "storage/project.h"
#include "storage/schema/schema_v1.h"
#include "storage/sql/connection.h"
#include "storage/transfer/import.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/sample_dataset.h"
#include "tests/support/project_reads.h"

using namespace loupe;
using namespace loupe::storage;
namespace fs = std::filesystem;

namespace {
fs::path pathIn(const QTemporaryDir& dir, const char* name) { return fs::path(dir.path().toStdString()) / name; }

// A fresh, empty project with `sql` run on it afterwards by another program.
fs::path craftedProject(const QTemporaryDir& dir, const std::string& sql) {
  const auto file = pathIn(dir, "crafted.loupe");
  Project::create(file);
  const std::string error = test::rawExec(file, sql);
  if (!error.empty()) qWarning() << error.c_str();
  return file;
}

// Opens `file` and, if that works, imports into it (which drops and rebuilds the indexes of the
// empty tables); returns the refusal's message, or "" when nothing was refused.
std::string openAndImport(const fs::path& file) {
  try {
    Project p = Project::open(file);
    importDataset(p, test::sampleDataset(), {});
  } catch (const ProjectFileError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not a ProjectFileError: ") + e.what();
  }
  return {};
}
}  // namespace

class TestUntrustedSchema : public QObject {
  Q_OBJECT
 private slots:
  // The index name closes the quotes of "DROP INDEX "<name>"", commits, attaches another file and
  // empties it. The file is refused at open, so no SQL of it ever runs.
  void craftedIndexNameIsRefusedAndRunsNothing() {
    QTemporaryDir dir;
    const auto victim = pathIn(dir, "victim.db");
    QCOMPARE(test::rawExec(victim, "CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);"), std::string());
    const auto victimBefore = test::fileBytes(victim);
    const std::string name = "annotations_item\"; COMMIT; ATTACH '" + victim.string() +
                             "' AS v; DELETE FROM v.t; DETACH v; BEGIN; --";
    const auto file = craftedProject(dir, "CREATE INDEX \"annotations_item\"\"; COMMIT; ATTACH '" + victim.string() +
                                              "' AS v; DELETE FROM v.t; DETACH v; BEGIN; --\" ON items(name)");
    const auto before = test::fileBytes(file);
    const std::string what = openAndImport(file);
    // Long names are cut short in the message.
    QCOMPARE(what, "not a Loupe project: " + file.string() + ": unexpected index \"" + name.substr(0, 80) + "...\"");
    QCOMPARE(test::rawInt(victim, "SELECT COUNT(*) FROM t"), 3);
    QCOMPARE(test::fileBytes(victim), victimBefore);
    QCOMPARE(test::fileBytes(file), before);
  }

  void extraObjectsAreRefused_data() {
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("why");
    QTest::newRow("trigger") << "CREATE TRIGGER wipe AFTER INSERT ON items BEGIN DELETE FROM labelers; END;"
                             << "unexpected trigger \"wipe\"";
    QTest::newRow("view") << "CREATE VIEW summary AS SELECT name FROM items" << "unexpected view \"summary\"";
    QTest::newRow("table") << "CREATE TABLE extra (x)" << "unexpected table \"extra\"";
    QTest::newRow("altered index")
        << "DROP INDEX items_split; CREATE INDEX items_split ON items(split, name)"
        << "index \"items_split\" differs from Loupe's schema version 3";
    QTest::newRow("missing index") << "DROP INDEX annotations_kind_labeler"
                                   << "missing index \"annotations_kind_labeler\"";
    QTest::newRow("dropped trigger") << "DROP TRIGGER change_log_no_delete"
                                     << "missing trigger \"change_log_no_delete\"";
    QTest::newRow("name with a newline") << "CREATE VIEW \"a\nb\" AS SELECT 1" << "unexpected view \"a\\x0ab\"";
  }
  void extraObjectsAreRefused() {
    QFETCH(QString, sql);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const auto file = craftedProject(dir, sql.toStdString());
    const auto before = test::fileBytes(file);
    QCOMPARE(openAndImport(file), "not a Loupe project: " + file.string() + ": " + why.toStdString());
    QCOMPARE(test::fileBytes(file), before);
    QVERIFY(!fs::exists(file.string() + "-wal"));
  }

  // An older file is checked against its own version's schema before the backup and migration.
  void olderVersionsAreCheckedBeforeMigrating() {
    QTemporaryDir dir;
    const auto v1 = pathIn(dir, "v1.loupe");
    QCOMPARE(test::rawExec(v1, std::string(schema::kSchemaV1) +
                                   "PRAGMA application_id = 1280267600; PRAGMA user_version = 1;"
                                   "CREATE VIEW v AS SELECT 1;"),
             std::string());
    auto before = test::fileBytes(v1);
    QCOMPARE(openAndImport(v1), "not a Loupe project: " + v1.string() + ": unexpected view \"v\"");
    QCOMPARE(test::fileBytes(v1), before);
    QVERIFY(!fs::exists(v1.string() + ".bak-v1"));

    const auto v0 = pathIn(dir, "v0.loupe");
    QCOMPARE(test::rawExec(v0, "PRAGMA application_id = 1280267600;"
                               "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, "
                               "width INTEGER, height INTEGER, evil TEXT);"
                               "CREATE TABLE labels (id INTEGER PRIMARY KEY, item_id INTEGER, labeler TEXT, label TEXT);"),
             std::string());
    before = test::fileBytes(v0);
    QCOMPARE(openAndImport(v0), "not a Loupe project: " + v0.string() +
                                    ": table \"items\" differs from Loupe's schema version 0");
    QCOMPARE(test::fileBytes(v0), before);
    QVERIFY(!fs::exists(v0.string() + ".bak-v0"));
  }

  // What SQLite adds by itself (statistics of ANALYZE) is not a difference.
  void sqlitesOwnTablesAreAccepted() {
    QTemporaryDir dir;
    const auto file = craftedProject(dir, "ANALYZE");
    QCOMPARE(test::rawInt(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"), 1);
    Project p = Project::open(file);
    QCOMPARE(importDataset(p, test::sampleDataset(), {}).itemsAdded, 3);
  }

  void connectionsAreHardened() {
    QTemporaryDir dir;
    const auto other = pathIn(dir, "other.db");
    QCOMPARE(test::rawExec(other, "CREATE TABLE t (x)"), std::string());
    Project p = Project::create(pathIn(dir, "p.loupe"));
    try {
      test::sqlOf(p).exec("ATTACH '" + other.string() + "' AS o");
      QFAIL("ATTACH was allowed");
    } catch (const sql::Error& e) {
      QCOMPARE(e.code() & 0xff, SQLITE_AUTH);
    }
    int defensive = -1, trusted = -1;
    sqlite3_db_config(test::sqlOf(p).handle(), SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
    sqlite3_db_config(test::sqlOf(p).handle(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &trusted);
    QCOMPARE(defensive, 1);
    QCOMPARE(trusted, 0);
    // The one ATTACH storage does itself: the backup before a migration.
    test::sqlOf(p).vacuumInto(pathIn(dir, "copy.loupe"));
    QCOMPARE(test::rawInt(pathIn(dir, "copy.loupe"), "PRAGMA application_id"), 0x4C4F5550);
  }

  void namesFromFilesAreQuotedAndRunAlone() {
    QCOMPARE(sql::quoteIdentifier("a\"b"), std::string("\"a\"\"b\""));
    sql::Connection db(":memory:", sql::OpenMode::ReadWriteCreate);
    const std::string name = "x\"; DROP TABLE keep; --";
    db.exec("CREATE TABLE keep (x)");
    db.runOne("CREATE TABLE " + sql::quoteIdentifier(name) + " (y)");
    db.runOne("DROP TABLE " + sql::quoteIdentifier(name) + ";");
    auto st = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'keep'");
    QVERIFY(st.step());
    QCOMPARE(st.int64(0), 1);
    QVERIFY_THROWS_EXCEPTION(sql::Error, db.runOne("SELECT 1; DROP TABLE keep"));
    QVERIFY_THROWS_EXCEPTION(sql::Error, db.runOne(""));
  }
};

QTEST_GUILESS_MAIN(TestUntrustedSchema)
#include "test_untrusted_schema.moc"
