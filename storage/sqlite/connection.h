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

// A failed SQLite call; what() carries SQLite's own message and the statement when known.
class Error : public std::runtime_error {
 public:
  Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
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

enum class OpenMode { ReadWrite, ReadWriteCreate, ReadOnly };

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
  // Runs one or more statements without caching (schema, pragmas).
  void exec(std::string_view sql);

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

  struct CacheEntry {
    sqlite3_stmt* stmt = nullptr;
    bool inUse = false;
  };
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
  std::unordered_map<std::string, CacheEntry> cache_;
  int depth_ = 0;
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
