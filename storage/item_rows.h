#pragma once
// The one way an item, its media and its attributes reach the file. Project::addItem and the bulk
// import (storage/transfer/import.cpp) both write through ItemInserter, so the SQL and the media
// hash rule exist once. Not part of the public API.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/domain/types.h"
#include "storage/sql/connection.h"

namespace loupe::storage::detail {

// An image's media as both writers hold it (NewMedia, DatasetMedia): exactly one of `bytes`
// (stored inline) and `externalPath` (referenced) is set.
struct MediaRow {
  std::string_view format;
  std::span<const std::uint8_t> bytes;
  std::string_view externalPath;
};

struct ItemRow {
  std::string_view name;
  std::optional<MediaRow> media;
  int width = 0;
  int height = 0;
  Split split = Split::Unassigned;
  std::string_view groupKey;
  std::string_view source;
  std::string_view created;
  std::string_view contentHash;  // hex SHA-256 the caller already knows; see contentHash()
};

// The hash rule: the caller's hash when it gives one, else the SHA-256 of inline bytes, else ""
// (an external image is not read just to hash it). Stored on both the media row and the item,
// and what duplicate finding compares.
std::string contentHash(std::string_view given, const std::optional<MediaRow>& media);

// Statements are prepared on first use and held for the inserter's life: the import keeps one
// inserter for the whole run, so each row costs a bind and a step, no cache lookup.
// Every string of a row is bound without a copy and must outlive the call.
class ItemInserter {
 public:
  explicit ItemInserter(sql::Connection& db) : db_(db) {}

  // Inserts the item (and its media first); returns the item's id. Names are checked by the caller.
  Id insert(const ItemRow& row);

  // Inserts a media row with its hash (from contentHash()); returns its id.
  Id insertMedia(const MediaRow& media, std::string_view hash);

  // Sets key = value on an item (insert, or update when the value differs); true when a row changed.
  bool setAttribute(Id itemId, std::string_view key, std::string_view value);

 private:
  sql::Connection& db_;
  std::optional<sql::Statement> media_;
  std::optional<sql::Statement> item_;
  std::optional<sql::Statement> attribute_;
};

}  // namespace loupe::storage::detail
