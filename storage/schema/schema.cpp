#include "storage/schema/schema.h"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/schema/schema_v1.h"
#include "storage/schema/schema_v2.h"
#include "storage/schema/schema_v3.h"
#include "storage/sql/connection.h"

namespace loupe::storage::schema {
namespace {

// Version 0 is the prototype format (application_id LOUP, user_version 0):
//   items(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, width INTEGER, height INTEGER)
//   labels(id INTEGER PRIMARY KEY, item_id INTEGER, labeler TEXT, label TEXT)
// Labelers and classes were free text on each label. v1 turns them into tables.
void migrate0to1(sql::Connection& db) {
  db.exec(R"sql(
    ALTER TABLE items RENAME TO v0_items;
    ALTER TABLE labels RENAME TO v0_labels;
  )sql");
  db.exec(kSchemaV1);
  db.exec(R"sql(
    INSERT INTO items (id, name, width, height, source, created)
      SELECT id, name, COALESCE(width, 0), COALESCE(height, 0), 'migrated:v0',
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM v0_items;
    INSERT INTO labelers (name, kind, created)
      SELECT DISTINCT labeler, 'human', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM v0_labels WHERE labeler IS NOT NULL ORDER BY labeler;
    INSERT INTO classes (name, color, sort_order)
      SELECT label, '#808080', ROW_NUMBER() OVER (ORDER BY label) - 1
      FROM (SELECT DISTINCT label FROM v0_labels WHERE label IS NOT NULL);
    INSERT INTO annotations (item_id, labeler_id, class_id, kind, created, updated)
      SELECT l.item_id, lb.id, c.id, 'label',
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      FROM v0_labels l
      JOIN v0_items i ON i.id = l.item_id
      JOIN labelers lb ON lb.name = l.labeler
      JOIN classes c ON c.name = l.label
      ORDER BY l.id;
    DROP TABLE v0_labels;
    DROP TABLE v0_items;
  )sql");
}

// v2 only adds an index; building it reads the annotations table once.
void migrate1to2(sql::Connection& db) { db.exec(kSchemaV2); }

// v3 adds the review decisions and shadow-mode proposals, both empty at first.
void migrate2to3(sql::Connection& db) { db.exec(kSchemaV3); }

// migrations[i] upgrades a file from version i to i + 1. Append only; never edit a shipped step.
const std::vector<std::function<void(sql::Connection&)>>& migrations() {
  static const std::vector<std::function<void(sql::Connection&)>> steps{migrate0to1, migrate1to2, migrate2to3};
  return steps;
}

}  // namespace

void createCurrent(sql::Connection& db) {
  db.exec(kSchemaV1);
  db.exec(kSchemaV2);
  db.exec(kSchemaV3);
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kCurrentVersion));
}

void migrate(sql::Connection& db, int fromVersion) {
  if (migrations().size() != static_cast<std::size_t>(kCurrentVersion))
    throw std::logic_error("schema: one migration per version is missing");
  if (fromVersion < 0 || fromVersion >= kCurrentVersion)
    throw std::logic_error("no migration from version " + std::to_string(fromVersion));
  sql::Transaction tx(db);
  for (int v = fromVersion; v < kCurrentVersion; ++v) migrations().at(static_cast<std::size_t>(v))(db);
  db.exec("PRAGMA user_version = " + std::to_string(kCurrentVersion));
  tx.commit();
}

}  // namespace loupe::storage::schema
