#pragma once
// The one rule every name that comes from a user or a file must pass before it is stored: item
// names, class names, labeler names, attribute keys and values. Names end up in JSON (change log,
// COCO export), XML (VOC export), file names and on screen, so bytes that any of those cannot
// carry are refused at the door instead of breaking an export later.

#include <cstddef>
#include <string>
#include <string_view>

namespace loupe {

enum class NameKind { Item, Class, Labeler, AttributeKey, AttributeValue };

// Longest accepted name in bytes (of UTF-8): item names are relative paths.
inline constexpr std::size_t kMaxItemNameBytes = 1024;
inline constexpr std::size_t kMaxLabelNameBytes = 256;  // class, labeler, attribute key
inline constexpr std::size_t kMaxAttributeValueBytes = 4096;

std::size_t maxNameBytes(NameKind kind);

// Why `name` cannot be stored as a `kind`, or "" when it can: it must be valid UTF-8 (no overlong
// forms or surrogates), hold no control character (C0, DEL, C1), be non-empty (attribute values
// may be empty) and be at most maxNameBytes(kind) long. The message never quotes the name, so it
// is itself always printable.
std::string nameProblem(std::string_view name, NameKind kind);

// nameProblem for an attribute's key, then its value: the one attribute rule of every writer.
std::string attributeProblem(std::string_view key, std::string_view value);

// `text` for an error message or warning: invalid UTF-8 bytes and control characters are written
// as \xNN, and anything past `maxBytes` is cut with "...", so the message stays one valid line.
std::string printableName(std::string_view text, std::size_t maxBytes = 200);

}  // namespace loupe
