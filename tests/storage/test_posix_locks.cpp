// A process keeps its SQLite locks on the project file while it opens and closes more Projects on
// it (the GUI opens one per worker). POSIX locks belong to the process: if Project::open ever read
// the file through a descriptor of its own, closing that descriptor would drop every lock the open
// Projects hold, and another program's close would then delete their write-ahead log.
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QTemporaryDir>
#include <QtTest>

#include "storage/project.h"
#include "storage/transfer/import.h"

using namespace loupe;
using namespace loupe::storage;
namespace fs = std::filesystem;

namespace {
fs::path pathIn(const QTemporaryDir& dir, const char* name) { return fs::path(dir.path().toStdString()) / name; }

// Asks a child process whether some other process holds a lock on SQLite's shared-lock range of
// `file` (F_GETLK never reports the caller's own locks, hence the fork). Returns the holder's pid,
// 0 when nobody holds one, -1 when the check itself failed.
pid_t sharedLockHolder(const fs::path& file) {
  int pipeFds[2];
  if (pipe(pipeFds) != 0) return -1;
  const pid_t child = fork();
  if (child == 0) {
    pid_t holder = -1;
    const int fd = ::open(file.c_str(), O_RDWR);
    if (fd >= 0) {
      struct flock fl {};
      fl.l_type = F_WRLCK;
      fl.l_whence = SEEK_SET;
      fl.l_start = 0x40000000 + 2;  // SQLite's SHARED_FIRST (PENDING_BYTE + 2), 510 bytes
      fl.l_len = 510;
      if (fcntl(fd, F_GETLK, &fl) == 0) holder = fl.l_type == F_UNLCK ? 0 : fl.l_pid;
    }
    // The child exits without closing `fd` itself: no destructor, no flush, nothing of the parent's.
    if (write(pipeFds[1], &holder, sizeof holder) != sizeof holder) _exit(2);
    _exit(0);
  }
  close(pipeFds[1]);
  pid_t holder = -1;
  if (child < 0 || read(pipeFds[0], &holder, sizeof holder) != sizeof holder) holder = -1;
  close(pipeFds[0]);
  if (child > 0) waitpid(child, nullptr, 0);
  return holder;
}

// What a fresh connection (another program) sees in `file`.
std::string metaSeenByAnotherConnection(const fs::path& file, const char* key) {
  sqlite3* db = nullptr;
  std::string value;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM project_meta WHERE key = ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}
}  // namespace

class TestPosixLocks : public QObject {
  Q_OBJECT
 private slots:
  void openingASecondProjectKeepsTheFirstOnesLock() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project::create(file);
    Project gui = Project::open(file);
    gui.setMeta("name", "before");
    QCOMPARE(sharedLockHolder(file), getpid());
    {
      Project worker = Project::open(file);  // the Training panel's own connection
      QCOMPARE(worker.meta("name"), std::optional<std::string>("before"));
    }
    QCOMPARE(sharedLockHolder(file), getpid());
    // Another program opening and closing the file must not take it for the last user and delete
    // the WAL under the open Project; the Project's later writes then reach the file.
    QCOMPARE(metaSeenByAnotherConnection(file, "name"), std::string("before"));
    QVERIFY(fs::exists(file.string() + "-wal"));
    gui.setMeta("name", "after");
    QCOMPARE(metaSeenByAnotherConnection(file, "name"), std::string("after"));
    QCOMPARE(sharedLockHolder(file), getpid());
  }

  // A project (crafted, or edited by hand) may name its own file as an item's image: reading it
  // would take a descriptor on the database, so it is refused instead.
  void anImagePathNamingTheProjectIsNotRead() {
    QTemporaryDir dir;
    const auto file = pathIn(dir, "p.loupe");
    Project p = Project::create(file);
    const Id id = p.items().add({.name = "self.png",
                             .media = NewMedia{.bytes = {}, .externalPath = file.string(), .format = "png", .sha256 = "00"}});
    QCOMPARE(sharedLockHolder(file), getpid());
    try {
      p.items().media(id);
      QFAIL("the project file was read as an image");
    } catch (const std::runtime_error& e) {
      QCOMPARE(std::string(e.what()), file.string() + ": an item's image path names the project file itself");
    }
    // An export would hand the path to a writer that copies the image.
    try {
      exportDataset(p);
      QFAIL("the project file was exported as an image");
    } catch (const ProjectFileError& e) {
      QCOMPARE(std::string(e.what()), file.string() + ": item 'self.png': its image path names the project file itself");
    }
    QCOMPARE(sharedLockHolder(file), getpid());
  }

};

QTEST_GUILESS_MAIN(TestPosixLocks)
#include "test_posix_locks.moc"
