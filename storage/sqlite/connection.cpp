#include "storage/sqlite/connection.h"

#include <sqlite3.h>

namespace loupe::storage::sql {

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

Connection::Connection(const std::filesystem::path& path, OpenMode mode) : path_(path) {
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case OpenMode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
  }
  const int rc = sqlite3_open_v2(path.string().c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(rc, path.string() + ": cannot open: " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Another process (the GUI and a CLI import) may hold the write lock briefly.
  sqlite3_busy_timeout(db_, 5000);
}

Connection::~Connection() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.stmt);
  cache_.clear();
  sqlite3_close_v2(db_);
}

void Connection::fail(int code, std::string_view context) const {
  std::string msg = sqlite3_errmsg(db_);
  if (!context.empty()) msg += " (in: " + std::string(context.substr(0, 200)) + ")";
  throw Error(code, path_.string() + ": " + msg);
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
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw Error(rc, path_.string() + ": " + msg);
  }
}

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
