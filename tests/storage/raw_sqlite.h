#pragma once
// Writing and reading SQLite files with the plain C API, not through storage: how tests make
// files Loupe did not write (prototype files, crafted schemas, other programs' databases).

#include <sqlite3.h>

#include <QtTest>
#include <cstdint>
#include <filesystem>
#include <string>

namespace loupe::test {

// Runs `sql` (several statements) on `file`, creating it if needed. Returns "" or SQLite's error.
inline std::string rawExec(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(file.string().c_str(), &db) != SQLITE_OK) {
    error = sqlite3_errmsg(db);
  } else {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) error = err ? err : "error";
    sqlite3_free(err);
  }
  sqlite3_close(db);
  return error;
}

// The first column of the first row of `sql` on `file` as an integer (-1 on any error).
inline std::int64_t rawInt(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  std::int64_t value = -1;
  if (sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      value = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return value;
}

}  // namespace loupe::test
