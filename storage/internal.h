#pragma once
// Helpers shared by the storage implementation files. Not part of the public API.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/types.h"
#include "storage/sql/connection.h"

namespace loupe::storage::detail {

// Columns of annotations in the order readAnnotation expects.
inline constexpr const char* kAnnotationColumns =
    "id, item_id, labeler_id, class_id, kind, x, y, w, h, score, created, updated";
// Reads an annotation whose columns start at `first` in kAnnotationColumns order.
Annotation readAnnotation(const sql::Statement& st, int first = 0);

// Throws std::invalid_argument("<what> <id> does not exist") when the statement changed no row.
void requireChanged(const sql::Connection& db, std::string_view what, Id id);

// True when `path` is the project file or one of SQLite's files beside it. A project may name any
// path as an item's image; reading one of these through a descriptor of our own would drop this
// process's SQLite locks on them (see Project::open).
bool isProjectsOwnFile(const std::filesystem::path& project, const std::filesystem::path& path);

// Bytes of an image stored outside the project; throws naming the file when it is gone or when it
// is one of the project's own files.
std::vector<std::uint8_t> readExternalMedia(const std::filesystem::path& project, const std::string& path);

Split splitFromDb(const std::string& text);
LabelerKind labelerKindFromDb(const std::string& text);

}  // namespace loupe::storage::detail
