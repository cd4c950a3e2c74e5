#pragma once
// Schema version 0: the prototype's two tables, as schema.cpp describes them. Files of that era
// were written by hand-rolled code, so they are compared column by column, not by SQL text.

namespace loupe::storage::schema {

inline constexpr const char* kSchemaV0 = R"sql(
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, width INTEGER, height INTEGER);
CREATE TABLE labels (id INTEGER PRIMARY KEY, item_id INTEGER, labeler TEXT, label TEXT);
)sql";

}  // namespace loupe::storage::schema
