#pragma once
// Schema version 1, as SQL. Kept verbatim: migrations from v1 to later versions start from it.

namespace loupe::storage::schema {

inline constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE labelers (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  kind    TEXT NOT NULL CHECK (kind IN ('human', 'model', 'reference', 'consensus')),
  created TEXT NOT NULL
);

CREATE TABLE classes (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  color      TEXT NOT NULL,
  hotkey     TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL,
  file_id    INTEGER            -- the id the class had in an imported file (COCO category id)
);

CREATE TABLE media (
  id            INTEGER PRIMARY KEY,
  format        TEXT NOT NULL,
  bytes         BLOB,
  external_path TEXT,
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  CHECK ((bytes IS NULL) <> (external_path IS NULL))
);

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  media_id     INTEGER REFERENCES media(id) ON DELETE SET NULL,
  width        INTEGER NOT NULL DEFAULT 0,
  height       INTEGER NOT NULL DEFAULT 0,
  split        TEXT NOT NULL DEFAULT 'unassigned'
               CHECK (split IN ('unassigned', 'train', 'val', 'test')),
  group_key    TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  created      TEXT NOT NULL,
  reviewed     INTEGER NOT NULL DEFAULT 0,
  ambiguous    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX items_split ON items(split);
CREATE INDEX items_media ON items(media_id);

-- Image labels have NULL x, y, w, h; boxes have all four (absolute pixels, top-left origin).
CREATE TABLE annotations (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  labeler_id INTEGER NOT NULL REFERENCES labelers(id) ON DELETE CASCADE,
  class_id   INTEGER NOT NULL REFERENCES classes(id),
  kind       TEXT NOT NULL CHECK (kind IN ('label', 'box')),
  x REAL, y REAL, w REAL, h REAL,
  score      REAL,
  created    TEXT NOT NULL,
  updated    TEXT NOT NULL,
  CHECK ((kind = 'label') = (x IS NULL))
);
-- Per-item reads (labeling workspace), dedup on import and the labeler filter.
CREATE INDEX annotations_item ON annotations(item_id, labeler_id);
CREATE INDEX annotations_labeler ON annotations(labeler_id, item_id);
CREATE INDEX annotations_class ON annotations(class_id, item_id);

CREATE TABLE item_attributes (
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (item_id, key)
) WITHOUT ROWID;
CREATE INDEX item_attributes_key ON item_attributes(key, value);

-- Append-only history of every edit. labeler_id is deliberately not a foreign key: the log
-- outlives what it describes.
CREATE TABLE change_log (
  id         INTEGER PRIMARY KEY,
  time       TEXT NOT NULL,
  labeler_id INTEGER,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  INTEGER,
  detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

CREATE TABLE models (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  architecture TEXT NOT NULL,
  created      TEXT NOT NULL,
  float_blob   BLOB,
  int8_blob    BLOB,
  metrics      TEXT NOT NULL DEFAULT '{}',
  labels       TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE agreement_snapshots (
  id      INTEGER PRIMARY KEY,
  time    TEXT NOT NULL,
  scope   TEXT NOT NULL,
  metrics TEXT NOT NULL
);
CREATE INDEX agreement_snapshots_scope ON agreement_snapshots(scope, time);

CREATE TABLE saved_slices (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  created    TEXT NOT NULL,
  updated    TEXT NOT NULL
);
)sql";

}  // namespace loupe::storage::schema
