// Project::create and Project::open: getting from a path to a checked, configured connection.
// The file is read through SQLite only (see project.h), and nothing is written to it before it has
// proved to be a Loupe project with exactly Loupe's schema.
#include <sqlite3.h>
#include <unistd.h>

#include "storage/project.h"
#include "storage/schema/schema.h"
#include "storage/schema/schema_check.h"
#include "storage/sql/connection.h"

namespace loupe::storage {
namespace fs = std::filesystem;

namespace {

void configure(sql::Connection& db) {
  // WAL: readers (a GUI list) never block the writer (an import), and a crash mid-write leaves
  // the main file intact. NORMAL sync is durable across application crashes in WAL mode.
  // A 64 MB page cache keeps the indexes of a 300,000-box import in memory instead of spilling
  // dirty pages to the WAL midway (the default is 2 MB). Reads of the main file go through a
  // memory map of up to 1 GB: a scan of a million rows then costs no copy per page from the OS
  // cache (about 15% of `loupe slices` on 1M items). Writes still go through the WAL.
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
          "PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;");
}

// The same for reading only: the journal mode is stored in the file, so it stays as it is.
void configureReadOnly(sql::Connection& db) {
  db.exec("PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;");
}

// access() asks about the path (permissions, immutable flag, read-only mount) without opening
// the file. SQLite needs the folder too, for the -wal and -shm beside the file.
bool canWrite(const fs::path& file) {
  const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
  return ::access(file.c_str(), W_OK) == 0 && ::access(folder.c_str(), W_OK) == 0;
}

bool isCannotWrite(int code) { return (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_READONLY; }

struct Header {
  std::int64_t applicationId = 0;
  std::int64_t userVersion = 0;
  std::int64_t pageSize = 0;
};

// The first read of a connection: SQLite checks the file header here (SQLITE_NOTADB when it is
// not a database) and takes its shared lock.
Header readHeader(sql::Connection& db) {
  return {db.pragmaInt("application_id"), db.pragmaInt("user_version"), db.pragmaInt("page_size")};
}

[[noreturn]] void refuse(const fs::path& path, const sql::Error& e) {
  switch (e.code() & 0xff) {
    case SQLITE_NOTADB: throw ProjectFileError("not a Loupe project: " + path.string());
    case SQLITE_CORRUPT:
      throw ProjectFileError(path.string() + ": project file is damaged (" + e.sqliteMessage() + ")");
    case SQLITE_BUSY:
      throw ProjectFileError(path.string() + ": in use by another program (waited " +
                             std::to_string(sql::kBusyTimeoutMs / 1000) + " s)");
    default: throw ProjectFileError(path.string() + ": cannot open the project (" + e.sqliteMessage() + ")");
  }
}

struct Opened {
  std::unique_ptr<sql::Connection> db;
  Header header;
  bool readOnly = false;
};

// A connection that has read the header: read-write when allowed and possible, else read-only.
Opened connect(const fs::path& path, bool readOnly) {
  if (!readOnly) {
    try {
      auto db = std::make_unique<sql::Connection>(path, sql::OpenMode::ReadWrite);
      const Header header = readHeader(*db);
      if (!db->isReadOnly()) return {std::move(db), header, false};
    } catch (const sql::Error& e) {
      if (!isCannotWrite(e.code())) refuse(path, e);
    }
  }
  try {
    auto db = std::make_unique<sql::Connection>(path, sql::OpenMode::ReadOnly);
    const Header header = readHeader(*db);
    return {std::move(db), header, true};
  } catch (const sql::Error& e) {
    // A WAL file in a folder where SQLite cannot create the -shm: readable as an immutable file,
    // unless a -wal holds commits the file does not have yet.
    if ((e.code() & 0xff) != SQLITE_CANTOPEN || fs::exists(path.string() + "-wal")) refuse(path, e);
  }
  try {
    auto db = std::make_unique<sql::Connection>(path, sql::OpenMode::ReadOnlyImmutable);
    const Header header = readHeader(*db);
    return {std::move(db), header, true};
  } catch (const sql::Error& e) {
    refuse(path, e);
  }
}

// SQLite reads missing bytes of a cut-off last page as zeros; a file cut anywhere but at a page
// boundary is damaged even when SQLite has not noticed yet. (stat(), not a read of the file.)
void requireWholePages(const fs::path& path, std::int64_t pageSize) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || pageSize <= 0 || size % static_cast<std::uintmax_t>(pageSize) == 0) return;
  throw ProjectFileError(path.string() + ": project file is damaged (" + std::to_string(size) +
                         " bytes is not a whole number of " + std::to_string(pageSize) +
                         "-byte pages; the file was cut short)");
}

}  // namespace

Project Project::create(const fs::path& path) {
  if (fs::exists(path)) throw ProjectFileError("project already exists: " + path.string());
  auto db = std::make_unique<sql::Connection>(path, sql::OpenMode::ReadWriteCreate);
  try {
    configure(*db);
    sql::Transaction tx(*db);
    schema::createCurrent(*db);
    auto st = db->prepare("INSERT INTO project_meta (key, value) VALUES (?, ?)");
    st.bind(1, "created").bind(2, nowUtc()).run();
    tx.commit();
  } catch (...) {
    db.reset();
    std::error_code ec;
    fs::remove(path, ec);
    fs::remove(path.string() + "-wal", ec);
    fs::remove(path.string() + "-shm", ec);
    throw;
  }
  return Project(path, std::move(db), false);
}

Project Project::open(const fs::path& path, OpenMode mode) {
  if (!fs::exists(path)) throw ProjectFileError("no such project: " + path.string());
  Opened opened = connect(path, mode == OpenMode::ReadOnly || !canWrite(path));
  sql::Connection& db = *opened.db;
  const std::int64_t version = opened.header.userVersion;
  if (opened.header.applicationId != schema::kApplicationId || version < 0)
    throw ProjectFileError("not a Loupe project: " + path.string());
  if (version > schema::kCurrentVersion)
    throw ProjectFileError(path.string() + ": project schema version " + std::to_string(version) +
                           " is newer than this Loupe supports (version " +
                           std::to_string(schema::kCurrentVersion) + "); update Loupe to open it");
  try {
    requireWholePages(path, opened.header.pageSize);
    schema::requireLoupeSchema(db, static_cast<int>(version), path);
  } catch (const sql::Error& e) {
    refuse(path, e);
  }
  db.exec("PRAGMA foreign_keys = ON");
  if (version < schema::kCurrentVersion) {
    if (opened.readOnly)
      throw ProjectFileError(path.string() + ": project schema version " + std::to_string(version) +
                             " must be upgraded to version " + std::to_string(schema::kCurrentVersion) +
                             ", but the project is read-only");
    // Keep the user's file as it was before touching it; VACUUM INTO writes a clean copy.
    const fs::path backup = path.string() + ".bak-v" + std::to_string(version);
    if (fs::exists(backup))
      throw ProjectFileError(path.string() + ": backup " + backup.string() +
                             " already exists; move it away before migrating");
    db.vacuumInto(backup);
    schema::migrate(db, static_cast<int>(version));
  }
  if (opened.readOnly)
    configureReadOnly(db);
  else
    configure(db);
  return Project(path, std::move(opened.db), opened.readOnly);
}

}  // namespace loupe::storage
