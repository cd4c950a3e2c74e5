#pragma once
// The project file's schema: the current version, how to create it, and the ordered migrations
// that bring an older file up to date.

#include <cstdint>
#include <filesystem>

namespace loupe::storage::sql {
class Connection;
}

namespace loupe::storage::schema {

// PRAGMA application_id of every Loupe project ("LOUP"), so a random SQLite file is refused.
inline constexpr std::int32_t kApplicationId = 0x4C4F5550;
// PRAGMA user_version written by this build.
inline constexpr int kCurrentVersion = 3;

// Creates the current schema in an empty database (inside the caller's transaction).
void createCurrent(sql::Connection& db);

// Brings `db` from `fromVersion` to kCurrentVersion, one migration per step, in one transaction.
void migrate(sql::Connection& db, int fromVersion);

}  // namespace loupe::storage::schema
