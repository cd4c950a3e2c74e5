#include "storage/item_rows.h"

#include "core/formats/sha256.h"

namespace loupe::storage::detail {

std::string contentHash(std::string_view given, const std::optional<MediaRow>& media) {
  if (!given.empty()) return std::string(given);
  if (media && media->externalPath.empty()) return sha256Hex(media->bytes);
  return {};
}

Id ItemInserter::insertMedia(const MediaRow& m, std::string_view hash) {
  if (!media_)
    media_.emplace(db_.prepare("INSERT INTO media (format, bytes, external_path, sha256, size) VALUES (?, ?, ?, ?, ?)"));
  sql::Statement& st = *media_;
  st.bindStatic(1, m.format);
  if (m.externalPath.empty())
    st.bindBlob(2, m.bytes).bindNull(3);
  else
    st.bindNull(2).bindStatic(3, m.externalPath);
  st.bindStatic(4, hash).bind(5, static_cast<std::int64_t>(m.bytes.size()));
  st.run();
  return db_.lastInsertId();
}

Id ItemInserter::insert(const ItemRow& row) {
  const std::string hash = contentHash(row.contentHash, row.media);  // once: hashing inline bytes is not free
  const std::optional<Id> mediaId = row.media ? std::optional<Id>(insertMedia(*row.media, hash)) : std::nullopt;
  if (!item_)
    item_.emplace(db_.prepare("INSERT INTO items (name, media_id, width, height, split, group_key, source, "
                              "content_hash, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  sql::Statement& st = *item_;
  st.bindStatic(1, row.name).bind(2, mediaId).bind(3, row.width).bind(4, row.height);
  st.bindStatic(5, toString(row.split)).bindStatic(6, row.groupKey).bindStatic(7, row.source);
  st.bindStatic(8, hash).bindStatic(9, row.created);
  st.run();
  return db_.lastInsertId();
}

bool ItemInserter::setAttribute(Id itemId, std::string_view key, std::string_view value) {
  if (!attribute_)
    attribute_.emplace(db_.prepare("INSERT INTO item_attributes (item_id, key, value) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT (item_id, key) DO UPDATE SET value = ?3 WHERE value <> ?3"));
  attribute_->bind(1, itemId).bindStatic(2, key).bindStatic(3, value).run();
  return db_.changes() > 0;
}

}  // namespace loupe::storage::detail
