// Opening a project says what is true of the file: read-only (then it opens read-only and every
// write says so), in use by another program (after waiting the stated time), damaged (truncated),
// or not a Loupe project at all. Every refused or read-only file stays byte-for-byte unchanged.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/project.h"
#include "storage/schema/schema_v1.h"
#include "storage/sql/connection.h"
#include "tests/storage/file_bytes.h"
#include "tests/storage/raw_sqlite.h"
#include "tests/storage/read_only_path.h"

using namespace loupe;
using namespace loupe::storage;
namespace fs = std::filesystem;

namespace {
fs::path pathIn(const QTemporaryDir& dir, const char* name) { return fs::path(dir.path().toStdString()) / name; }

// A closed project (no -wal left) with `items` items and a name.
fs::path closedProject(const fs::path& file, int items = 2) {
  Project p = Project::create(file);
  p.setMeta("name", "birds");
  Project::Transaction tx(p);
  for (int i = 0; i < items; ++i) p.items().add({.name = "item" + std::to_string(i) + ".png"});
  tx.commit();
  return file;
}

std::string messageOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

// Another program holding the file: a child process that runs `sql` on it, tells the parent, and
// keeps its connection (and its locks) until release() or destruction.
class OtherProgram {
 public:
  OtherProgram(const fs::path& file, const std::string& sql) {
    if (pipe(ready_) != 0 || pipe(release_) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      sqlite3* db = nullptr;
      char ok = 0;
      if (sqlite3_open(file.c_str(), &db) == SQLITE_OK &&
          sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK)
        ok = 1;
      if (write(ready_[1], &ok, 1) != 1) _exit(2);
      char c;
      if (read(release_[0], &c, 1) < 0) _exit(2);
      _exit(0);  // without closing: the locks go with the process
    }
    char ok = 0;
    started_ = pid_ > 0 && read(ready_[0], &ok, 1) == 1 && ok == 1;
  }
  ~OtherProgram() { release(); }
  bool started() const { return started_; }
  void release() {
    if (pid_ <= 0) return;
    const char c = 'x';
    if (write(release_[1], &c, 1) != 1) kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    for (int fd : {ready_[0], ready_[1], release_[0], release_[1]}) close(fd);
  }

 private:
  pid_t pid_ = -1;
  int ready_[2] = {-1, -1};
  int release_[2] = {-1, -1};
  bool started_ = false;
};
}  // namespace

class TestOpenStates : public QObject {
  Q_OBJECT
 private slots:
  void projectInAReadOnlyFolderOpensReadOnly() {
    QTemporaryDir tmp;
    const fs::path dir = pathIn(tmp, "shared");
    fs::create_directory(dir);
    const auto file = closedProject(dir / "p.loupe");
    const auto before = test::fileBytes(file);
    {
      test::ReadOnlyPath readOnly(dir);
      if (!readOnly.ok()) QSKIP("cannot make a folder read-only here");
      Project p = Project::open(file);
      QVERIFY(p.isReadOnly());
      QCOMPARE(p.items().count(), 2);
      QCOMPARE(p.meta("name"), std::optional<std::string>("birds"));
      QCOMPARE(messageOf([&] { p.setMeta("name", "fish"); }), file.string() + ": project is read-only");
      QCOMPARE(messageOf([&] { p.items().add({.name = "new.png"}); }), file.string() + ": project is read-only");
      QCOMPARE(p.items().count(), 2);
    }
    QCOMPARE(test::fileBytes(file), before);
    QVERIFY(!fs::exists(file.string() + "-wal"));
  }

  void readOnlyFileOpensReadOnly() {
    QTemporaryDir tmp;
    const auto file = closedProject(pathIn(tmp, "p.loupe"));
    const auto before = test::fileBytes(file);
    {
      test::ReadOnlyPath readOnly(file);
      if (!readOnly.ok()) QSKIP("cannot make a file read-only here");
      Project p = Project::open(file);
      QVERIFY(p.isReadOnly());
      QCOMPARE(p.items().count(), 2);
      QCOMPARE(messageOf([&] { p.setMeta("name", "fish"); }), file.string() + ": project is read-only");
    }
    QCOMPARE(test::fileBytes(file), before);
  }

  void readOnlyOnRequest() {
    QTemporaryDir tmp;
    const auto file = closedProject(pathIn(tmp, "p.loupe"));
    const auto before = test::fileBytes(file);
    {
      Project p = Project::open(file, OpenMode::ReadOnly);
      QVERIFY(p.isReadOnly());
      QCOMPARE(p.items().count(), 2);
      QCOMPARE(messageOf([&] { p.setMeta("name", "fish"); }), file.string() + ": project is read-only");
      QVERIFY(!Project::open(file).isReadOnly());  // a writable file opens writable beside it
    }
    QCOMPARE(test::fileBytes(file), before);
  }

  // A migration writes; a read-only older file is refused instead of opened half-way.
  void readOnlyOlderVersionIsNotMigrated() {
    QTemporaryDir tmp;
    const auto file = pathIn(tmp, "v1.loupe");
    QCOMPARE(test::rawExec(file, std::string(schema::kSchemaV1) +
                                     "PRAGMA application_id = 1280267600; PRAGMA user_version = 1;"),
             std::string());
    const auto before = test::fileBytes(file);
    QCOMPARE(messageOf([&] { Project::open(file, OpenMode::ReadOnly); }),
             file.string() + ": project schema version 1 must be upgraded to version 3, but the project is read-only");
    QCOMPARE(test::fileBytes(file), before);
    QVERIFY(!fs::exists(file.string() + ".bak-v1"));
  }

  // Another program keeps the whole file locked (exclusive locking mode, as a backup tool might):
  // open waits the busy timeout, then says so.
  void fileLockedByAnotherProgram() {
    QTemporaryDir tmp;
    const auto file = closedProject(pathIn(tmp, "p.loupe"));
    OtherProgram other(file, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; "
                             "UPDATE project_meta SET value = 'other' WHERE key = 'name';");
    QVERIFY(other.started());
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(messageOf([&] { Project::open(file); }), file.string() + ": in use by another program (waited 5 s)");
    QVERIFY2(timer.elapsed() >= 4500, std::to_string(timer.elapsed()).c_str());
    other.release();
    QCOMPARE(Project::open(file).meta("name"), std::optional<std::string>("birds"));
  }

  // Another program's long write transaction: reads go on (WAL), a write waits, then says so.
  void writeWhileAnotherProgramWrites() {
    QTemporaryDir tmp;
    const auto file = closedProject(pathIn(tmp, "p.loupe"));
    Project p = Project::open(file);
    OtherProgram other(file, "BEGIN IMMEDIATE; UPDATE project_meta SET value = 'other' WHERE key = 'name';");
    QVERIFY(other.started());
    QCOMPARE(p.meta("name"), std::optional<std::string>("birds"));
    QCOMPARE(messageOf([&] { p.setMeta("name", "fish"); }), file.string() + ": in use by another program (waited 5 s)");
    other.release();
    p.setMeta("name", "fish");
    QCOMPARE(p.meta("name"), std::optional<std::string>("fish"));
  }

  void truncatedFileIsDamaged_data() {
    QTest::addColumn<int>("cut");  // bytes cut off the end; 0: keep 3 pages only
    QTest::addColumn<QString>("why");
    QTest::newRow("cut to 3 pages") << 0 << "database disk image is malformed";
    QTest::newRow("cut mid-page") << 100 << "not a whole number of 4096-byte pages; the file was cut short";
  }
  void truncatedFileIsDamaged() {
    QFETCH(int, cut);
    QFETCH(QString, why);
    QTemporaryDir tmp;
    const auto file = closedProject(pathIn(tmp, "p.loupe"), 3000);
    const auto size = fs::file_size(file);
    QVERIFY(size > 10 * 4096);
    fs::resize_file(file, cut == 0 ? 3 * 4096 : size - static_cast<std::uintmax_t>(cut));
    const auto before = test::fileBytes(file);
    const std::string what = messageOf([&] { Project::open(file); });
    QVERIFY2(what.starts_with(file.string() + ": project file is damaged (") && what.find(why.toStdString()) != std::string::npos,
             what.c_str());
    QCOMPARE(test::fileBytes(file), before);
  }
};

QTEST_GUILESS_MAIN(TestOpenStates)
#include "test_open_states.moc"
