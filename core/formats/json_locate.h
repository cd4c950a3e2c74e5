#pragma once
// nlohmann-json's DOM keeps no source positions, so when a value is rejected after parsing the
// reader finds its line again by scanning the text along the JSON path. Only runs on the error
// path, so it favours simplicity over speed.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace loupe {

// 1-based line of the value at `path` ("annotations[3].bbox", "images[0].width") in the JSON
// `text`; when the path does not exist (a missing key), the line of its deepest existing parent.
// Returns 0 when even the root cannot be found.
int lineOfJsonPath(std::string_view text, std::string_view path);

struct JsonNumberIssue {
  std::size_t offset = 0;  // of the number's first character
  std::string path;        // e.g. "images[0].width"
};

// The first number in `text` that no double (or, written as an integer, no 64-bit integer) can
// hold, such as 1e309: parsers reject it with a message that names neither line nor field.
// Scans only well-formed JSON structure up to the number; nullopt when there is none.
std::optional<JsonNumberIssue> findOutOfRangeNumber(std::string_view text);

}  // namespace loupe
