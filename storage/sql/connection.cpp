#include "storage/sql/connection.h"

#include <sqlite3.h>

#include <cctype>

namespace loupe::storage::sql {

namespace {

// SQLite's wording for the failures a user can act on, said in terms of the project.
std::string explain(int code, const std::string& sqliteMessage) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
      return "in use by another program (waited " + std::to_string(kBusyTimeoutMs / 1000) + " s)";
    case SQLITE_READONLY: return "project is read-only";
    case SQLITE_CORRUPT: return "project file is damaged (" + sqliteMessage + ")";
    default: return sqliteMessage;
  }
}

}  // namespace

std::string quoteIdentifier(std::string_view name) {
  std::string out = "\"";
  for (const char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

// ---- Statement ----------------------------------------------------------------------------

Statement::Statement(Connection* owner, sqlite3_stmt* stmt, bool cached)
    : owner_(owner), stmt_(stmt), cached_(cached) {}

Statement::Statement(Statement&& other) noexcept
    : owner_(other.owner_), stmt_(other.stmt_), cached_(other.cached_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (stmt_) owner_->release(stmt_, cached_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc = sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bindStatic(int index, std::string_view text) {
  // A null data pointer would bind NULL, not ''.
  const char* data = text.data() ? text.data() : "";
  const int rc = sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bindBlob(int index, std::span<const std::uint8_t> bytes) {
  // An empty span must still bind a zero-length blob, not NULL.
  static const std::uint8_t kEmpty = 0;
  const void* data = bytes.empty() ? &kEmpty : bytes.data();
  const int rc = sqlite3_bind_blob64(stmt_, index, data, bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

Statement& Statement::bindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) owner_->fail(rc, sqlite3_sql(stmt_));
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  owner_->fail(rc, sqlite3_sql(stmt_));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() { sqlite3_reset(stmt_); }

bool Statement::isNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::string_view Statement::textView(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!p) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<double> Statement::optReal(int column) const {
  if (isNull(column)) return std::nullopt;
  return real(column);
}

std::optional<std::int64_t> Statement::optInt64(int column) const {
  if (isNull(column)) return std::nullopt;
  return int64(column);
}

std::vector<std::uint8_t> Statement::blob(int column) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  if (!p || n <= 0) return {};
  return std::vector<std::uint8_t>(p, p + n);
}

// ---- Connection ---------------------------------------------------------------------------

namespace {
// A path as an SQLite URI ("file:/a%20b.loupe"): everything but unreserved characters and '/' is
// percent-encoded, so '?', '#' and '%' in a folder name stay part of the path.
std::string fileUri(const std::filesystem::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (const unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}
}  // namespace

Connection::Connection(const std::filesystem::path& path, OpenMode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  std::string name = path.string();
  switch (mode) {
    case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case OpenMode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case OpenMode::ReadOnlyImmutable:
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      name = fileUri(path) + "?immutable=1";
      break;
  }
  const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(rc, path.string() + ": cannot open: " + explain(rc, msg), msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another process (the GUI and a CLI import) may hold the write lock briefly.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db_, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_set_authorizer(db_, &Connection::authorize, this);
}

int Connection::authorize(void* self, int action, const char* a, const char*, const char*, const char*) {
  // Nothing in Loupe attaches a database; a statement that does came from somewhere else.
  if (action != SQLITE_ATTACH) return SQLITE_OK;
  const auto* c = static_cast<const Connection*>(self);
  return !c->allowedAttach_.empty() && a && c->allowedAttach_ == a ? SQLITE_OK : SQLITE_DENY;
}

Connection::~Connection() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
  cache_.clear();
  sqlite3_close_v2(db_);
}

void Connection::fail(int code, std::string_view context) const {
  const std::string sqliteMessage = sqlite3_errmsg(db_);
  std::string msg = explain(code, sqliteMessage);
  // The statement helps with SQLite's own messages, not with "in use" or "read-only".
  const bool saidPlainly = msg != sqliteMessage;
  if (!context.empty() && !saidPlainly) msg += " (in: " + std::string(context.substr(0, 200)) + ")";
  throw Error(code, path_.string() + ": " + msg, sqliteMessage);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.inUse) {
    it->second.inUse = true;
    return Statement(this, it->second.stmt, true);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, sql);
  if (it == cache_.end()) {
    cache_.emplace(std::string(sql), CacheEntry{stmt, true});
    return Statement(this, stmt, true);
  }
  return Statement(this, stmt, false);
}

void Connection::release(sqlite3_stmt* stmt, bool cached) {
  if (!cached) {
    sqlite3_finalize(stmt);
    return;
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  auto it = cache_.find(sqlite3_sql(stmt));
  if (it != cache_.end()) it->second.inUse = false;
}

void Connection::exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string sqliteMessage = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Error(rc, path_.string() + ": " + explain(rc, sqliteMessage), sqliteMessage);
  }
}

void Connection::runOne(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) fail(rc, sql);
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!stmt || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_finalize(stmt);
    throw Error(SQLITE_MISUSE, path_.string() + ": not exactly one SQL statement: " +
                                   std::string(sql.substr(0, 200)));
  }
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    const int code = sqlite3_extended_errcode(db_);
    const std::string text(sqlite3_sql(stmt));
    sqlite3_finalize(stmt);
    fail(code, text);
  }
  sqlite3_finalize(stmt);
}

void Connection::vacuumInto(const std::filesystem::path& target) {
  allowedAttach_ = target.string();
  try {
    prepare("VACUUM INTO ?").bind(1, allowedAttach_).run();
  } catch (...) {
    allowedAttach_.clear();
    throw;
  }
  allowedAttach_.clear();
}

bool Connection::isReadOnly() const { return sqlite3_db_readonly(db_, "main") == 1; }

std::int64_t Connection::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

std::int64_t Connection::pragmaInt(std::string_view pragma) {
  sqlite3_stmt* stmt = nullptr;
  const std::string sql = "PRAGMA " + std::string(pragma);
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    fail(rc, sql);
  }
  rc = sqlite3_step(stmt);
  std::int64_t value = 0;
  if (rc == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(rc, sql);
  return value;
}

// ---- Transaction --------------------------------------------------------------------------

Transaction::Transaction(Connection& db) : db_(db), level_(db.depth_) {
  if (level_ == 0)
    db_.exec("BEGIN IMMEDIATE");
  else
    db_.exec("SAVEPOINT sp" + std::to_string(level_));
  ++db_.depth_;
}

void Transaction::commit() {
  if (done_) return;
  if (level_ == 0)
    db_.exec("COMMIT");
  else
    db_.exec("RELEASE sp" + std::to_string(level_));
  done_ = true;
  --db_.depth_;
}

Transaction::~Transaction() {
  if (done_) return;
  --db_.depth_;
  // Never throw from a destructor: a failed rollback leaves SQLite to roll back on close.
  const std::string sql = level_ == 0 ? std::string("ROLLBACK")
                                      : "ROLLBACK TO sp" + std::to_string(level_) + "; RELEASE sp" +
                                            std::to_string(level_);
  sqlite3_exec(db_.handle(), sql.c_str(), nullptr, nullptr, nullptr);
}

}  // namespace loupe::storage::sql
