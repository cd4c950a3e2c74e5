#pragma once
// A thin RAII layer over the SQLite C API: one connection, a cache of prepared statements and a
// transaction guard. Everything above this file speaks Statement/Transaction, never sqlite3_*.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace loupe::storage::sql {

// A failed SQLite call. what() names the file and says what happened in the user's terms for the
// common cases (another program holds the lock, the file is read-only or damaged), otherwise
// SQLite's own message; plus the statement when known. sqliteMessage() is SQLite's text alone.
class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message, std::string sqliteMessage = {})
      : std::runtime_error(message), code_(code), sqliteMessage_(std::move(sqliteMessage)) {}
  int code() const { return code_; }
  const std::string& sqliteMessage() const { return sqliteMessage_; }

 private:
  int code_;
  std::string sqliteMessage_;
};

class Connection;

// A prepared statement borrowed from the connection's cache. Reset and unbound when it goes out
// of scope so the next user starts clean.
class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binding is 1-based like SQLite; each bind returns *this so calls chain.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  // Binds text without copying it: the caller keeps `text` alive and unchanged until the statement
  // has run (bulk writers bind the same long-lived strings hundreds of thousands of times).
  Statement& bindStatic(int index, std::string_view text);
  Statement& bindBlob(int index, std::span<const std::uint8_t> bytes);
  Statement& bindNull(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bindNull(index);
  }

  // Advances to the next row; false when done.
  bool step();
  // Runs a statement that returns no rows (or whose rows are ignored), then resets it so it can
  // be bound and run again.
  void run();
  // Makes a stepped statement ready to bind and run again (bindings are kept).
  void reset();

  bool isNull(int column) const;
  std::int64_t int64(int column) const;
  int int32(int column) const { return static_cast<int>(int64(column)); }
  double real(int column) const;
  std::string text(int column) const;
  // The text without a copy, valid until the next step/reset (hot loops over a million rows).
  std::string_view textView(int column) const;
  std::optional<double> optReal(int column) const;
  std::optional<std::int64_t> optInt64(int column) const;
  std::vector<std::uint8_t> blob(int column) const;

 private:
  friend class Connection;
  Statement(Connection* owner, sqlite3_stmt* stmt, bool cached);
  Connection* owner_;
  sqlite3_stmt* stmt_;
  bool cached_;
};

// ReadOnlyImmutable: a WAL file in a folder where SQLite cannot create the -shm beside it. SQLite
// then takes no locks and ignores any -wal, which is right only when nobody can write the file
// either (the caller checks that no -wal exists).
enum class OpenMode { ReadWrite, ReadWriteCreate, ReadOnly, ReadOnlyImmutable };

// How long a connection waits for another program's lock before giving up (SQLITE_BUSY).
inline constexpr int kBusyTimeoutMs = 5000;

// `name` as an SQL identifier ("a""b"), for names that come from a file.
std::string quoteIdentifier(std::string_view name);

// Every connection is hardened for files from elsewhere (sqlite.org/security.html): defensive mode
// (no writable_schema, no journal_mode=OFF), untrusted schema (triggers and views may only call
// harmless functions) and ATTACH refused except by vacuumInto.
class Connection {
 public:
  // Opens without creating unless asked, so a mistyped path never leaves an empty file behind.
  Connection(const std::filesystem::path& path, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // A cached prepared statement (compiled once per connection). If the cached one is still in use
  // (a nested query inside a row callback) a fresh, uncached statement is returned instead.
  Statement prepare(std::string_view sql);
  // Runs one or more statements without caching (schema, pragmas). Only for SQL written here.
  void exec(std::string_view sql);
  // Runs exactly one statement without caching; refuses text after it. For SQL that holds names
  // or text read from a file.
  void runOne(std::string_view sql);
  // Writes a compacted copy of the database to `target` (the one ATTACH a connection may do).
  void vacuumInto(const std::filesystem::path& target);
  // True when SQLite opened the file read-only (asked to, or the file is not writable).
  bool isReadOnly() const;

  std::int64_t lastInsertId() const;
  int changes() const;
  std::int64_t pragmaInt(std::string_view pragma);

  // Transaction nesting depth managed by Transaction.
  int transactionDepth() const { return depth_; }

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  friend class Statement;
  friend class Transaction;
  void release(sqlite3_stmt* stmt, bool cached);
  [[noreturn]] void fail(int code, std::string_view context) const;
  static int authorize(void* self, int action, const char* a, const char* b, const char* c, const char* d);

  struct CacheEntry {
    sqlite3_stmt* stmt = nullptr;
    bool inUse = false;
  };
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  std::unordered_map<std::string, CacheEntry> cache_;
  int depth_ = 0;
  std::string allowedAttach_;  // the file vacuumInto is writing, while it runs
};

// RAII transaction: BEGIN IMMEDIATE at depth 0 (so a writer never has to upgrade a read lock and
// hit SQLITE_BUSY midway), SAVEPOINT when nested. Rolls back unless commit() was called, so an
// exception anywhere between leaves the file as it was.
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& db_;
  int level_;
  bool done_ = false;
};

}  // namespace loupe::storage::sql
