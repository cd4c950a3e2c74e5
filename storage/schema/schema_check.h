#pragma once
// Refuses a file whose schema is not exactly what Loupe writes for its version. A project file
// may come from anywhere; its schema is code (triggers, views, index expressions) that would run
// inside Loupe, and its index names reach SQL text (the bulk import drops and rebuilds indexes).

#include <filesystem>

namespace loupe::storage::sql {
class Connection;
}

namespace loupe::storage::schema {

// Compares `db`'s sqlite_master (type, name, table, SQL; SQLite's own sqlite_* objects aside) with
// the schema of `version` built in an in-memory database. Throws ProjectFileError
// "not a Loupe project: <file>: unexpected trigger "x"" (or missing / different) on any difference.
void requireLoupeSchema(sql::Connection& db, int version, const std::filesystem::path& file);

}  // namespace loupe::storage::schema
