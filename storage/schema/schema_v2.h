#pragma once
// Schema version 2: what it adds to version 1 (a v2 file is kSchemaV1 followed by this). Kept
// verbatim like schema_v1.h.

namespace loupe::storage::schema {

// A covering index for the evaluation reads (`loupe slices`, `loupe confusion`): every image
// label of a labeler, in item order, with its class, without touching the table. Table rows carry
// two timestamps each, so a full scan reads about five times the bytes of this index.
inline constexpr const char* kSchemaV2 = R"sql(
CREATE INDEX annotations_kind_labeler ON annotations(kind, labeler_id, item_id, class_id);
)sql";

}  // namespace loupe::storage::schema
