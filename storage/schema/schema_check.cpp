#include "storage/schema/schema_check.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "storage/project.h"
#include "storage/schema/schema.h"
#include "storage/schema/schema_v0.h"
#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v2.h"
#include "storage/schema/schema_v3.h"
#include "storage/sql/connection.h"

namespace loupe::storage::schema {
namespace {

static_assert(kCurrentVersion == 3, "add the new version's script to scriptOf");

// The SQL that produces version `version`'s schema in an empty database.
std::string scriptOf(int version) {
  switch (version) {
    case 0: return kSchemaV0;
    case 1: return kSchemaV1;
    case 2: return std::string(kSchemaV1) + kSchemaV2;
    case 3: return std::string(kSchemaV1) + kSchemaV2 + kSchemaV3;
    default: throw std::logic_error("schema: no script for version " + std::to_string(version));
  }
}

struct Column {
  std::string name, type;
  std::int64_t pk = 0, hidden = 0;
  bool operator==(const Column&) const = default;
};

struct Object {
  std::string type, name, table;
  std::optional<std::string> sql;
  std::vector<Column> columns;  // tables only
};
using Key = std::pair<std::string, std::string>;  // type, name
using Objects = std::map<Key, Object>;

// Objects SQLite makes by itself: indexes of UNIQUE / PRIMARY KEY constraints, and the tables
// AUTOINCREMENT and ANALYZE create, which have one fixed definition each.
bool isSqlitesOwn(const Object& o) {
  if (o.type == "index") return o.name.starts_with("sqlite_autoindex_") && !o.sql;
  static const std::map<std::string, std::string> kTables{
      {"sqlite_sequence", "CREATE TABLE sqlite_sequence(name,seq)"},
      {"sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"},
      {"sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"}};
  const auto it = kTables.find(o.name);
  return o.type == "table" && it != kTables.end() && o.table == o.name && o.sql == it->second;
}

std::vector<Column> columnsOf(sql::Connection& db, const std::string& table) {
  std::vector<Column> out;
  sql::Statement st = db.prepare("SELECT name, upper(type), pk, hidden FROM pragma_table_xinfo(?)");
  st.bind(1, table);
  while (st.step()) out.push_back({st.text(0), st.text(1), st.int64(2), st.int64(3)});
  return out;
}

Objects readObjects(sql::Connection& db) {
  Objects out;
  auto st = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master");
  while (st.step()) {
    Object o{st.text(0), st.text(1), st.text(2), std::nullopt, {}};
    if (!st.isNull(3)) o.sql = st.text(3);
    if (!isSqlitesOwn(o)) out.emplace(Key{o.type, o.name}, std::move(o));
  }
  st.reset();
  for (auto& [key, o] : out)
    if (o.type == "table") o.columns = columnsOf(db, o.name);
  return out;
}

// The expected objects of each version, built once per process.
const Objects& expectedObjects(int version) {
  static const std::vector<Objects> all = [] {
    std::vector<Objects> v;
    for (int i = 0; i <= kCurrentVersion; ++i) {
      sql::Connection memory(":memory:", sql::OpenMode::ReadWriteCreate);
      memory.exec(scriptOf(i));
      v.push_back(readObjects(memory));
    }
    return v;
  }();
  return all.at(static_cast<std::size_t>(version));
}

// A name from the file, fit for a one-line message: quoted, control characters escaped, cut short.
std::string printable(const std::string& name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : name.substr(0, 80)) {
    if (std::iscntrl(c)) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return "\"" + out + (name.size() > 80 ? "...\"" : "\"");
}

[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& why) {
  throw ProjectFileError("not a Loupe project: " + file.string() + ": " + why);
}

}  // namespace

void requireLoupeSchema(sql::Connection& db, int version, const std::filesystem::path& file) {
  const Objects& expected = expectedObjects(version);
  const Objects actual = readObjects(db);
  for (const auto& [key, o] : actual)
    if (!expected.count(key)) refuse(file, "unexpected " + o.type + " " + printable(o.name));
  for (const auto& [key, o] : expected)
    if (!actual.count(key)) refuse(file, "missing " + o.type + " " + printable(o.name));
  // The prototype's files were written by hand-rolled code: their tables are compared by columns.
  // Later versions were always created from the scripts above, so their SQL text is exact.
  const bool byColumns = version == 0;
  for (const auto& [key, o] : actual) {
    const Object& want = expected.at(key);
    const bool same = o.table == want.table && o.columns == want.columns && (byColumns || o.sql == want.sql);
    if (!same)
      refuse(file, o.type + " " + printable(o.name) + " differs from Loupe's schema version " +
                       std::to_string(version));
  }
}

}  // namespace loupe::storage::schema
