#pragma once
// RFC 4180 CSV: comma separated, fields optionally in double quotes, "" inside quotes is one
// quote, quoted fields may span lines; CRLF or LF line ends; a UTF-8 BOM is skipped.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace loupe {

// Calls onRow(fields, line) for each non-empty record; `line` is the 1-based line the record
// starts on. Throws InputError naming `fileName` and the line for an unterminated quote or a
// quote inside an unquoted field.
void parseCsv(std::string_view text, const std::string& fileName,
              const std::function<void(const std::vector<std::string>&, int line)>& onRow);

// Appends `field` to `out`, quoted only when it contains a comma, quote or line break.
void appendCsvField(std::string& out, std::string_view field);

}  // namespace loupe
