#pragma once
// Schema version 3: what it adds to version 2 (a v3 file is kSchemaV1 + kSchemaV2 + this). Kept
// verbatim like the earlier versions.

namespace loupe::storage::schema {

// issue_decisions: what a reviewer decided about a suggestion of the "Likely errors" queue, so a
// dismissed (or already fixed) suggestion is not offered again on the next run. A suggestion is
// named by the item, the labeler whose answer was questioned and `subject`, a text that says what
// was questioned (the given class, or the box and issue kind): when the answer itself changes,
// the new one is questioned afresh. reviewer_id is not a foreign key, like change_log's: the
// decision outlives a removed labeler.
//
// prelabel_proposals: shadow mode. What a model proposed on an item when a labeler opened it
// (one row per proposed label or box). Whether the human agreed is not stored but read from the
// labeler's annotations as they are now, so a later correction counts. Class and model are
// names, not ids: the record outlives a merged class or a retrained model of the same name.
inline constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE issue_decisions (
  id          INTEGER PRIMARY KEY,
  item_id     INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  labeler_id  INTEGER NOT NULL REFERENCES labelers(id) ON DELETE CASCADE,
  subject     TEXT NOT NULL,
  decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'relabeled', 'dismissed')),
  reviewer_id INTEGER,
  time        TEXT NOT NULL,
  UNIQUE (item_id, labeler_id, subject)
);
CREATE INDEX issue_decisions_labeler ON issue_decisions(labeler_id, item_id);

CREATE TABLE prelabel_proposals (
  id         INTEGER PRIMARY KEY,
  item_id    INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  labeler_id INTEGER NOT NULL REFERENCES labelers(id) ON DELETE CASCADE,
  model      TEXT NOT NULL,
  class      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('label', 'box')),
  x REAL, y REAL, w REAL, h REAL,
  score      REAL NOT NULL,
  time       TEXT NOT NULL,
  CHECK ((kind = 'label') = (x IS NULL))
);
CREATE INDEX prelabel_proposals_labeler ON prelabel_proposals(labeler_id, model, item_id);
)sql";

}  // namespace loupe::storage::schema
