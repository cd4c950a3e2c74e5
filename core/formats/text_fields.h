#pragma once
// Strict text-to-number conversion shared by the line-based readers (CSV, YOLO, VOC): the whole
// field must be a number, so "12px" or "" is an error instead of a silent 12 or 0.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace loupe {

std::optional<double> parseDouble(std::string_view text);   // finite values only
std::optional<std::int64_t> parseInt(std::string_view text);
std::string_view trimSpaces(std::string_view text);

// Shortest text that reads back to exactly the same double (round trips are exact).
std::string formatDouble(double value);

// 1-based line number of byte `offset` in `text` (for parsers that report byte offsets).
int lineOfOffset(std::string_view text, std::size_t offset);

// Largest text file (CSV, JSON, XML, YOLO labels) an import reads into memory.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{2} << 30;

// `text` without a leading UTF-8 byte order mark. The one rule for every text format: a leading
// BOM is skipped (CSV, COCO JSON, YOLO, VOC XML), anywhere else it is content.
std::string_view withoutUtf8Bom(std::string_view text);

// Whole file as text, a leading UTF-8 BOM removed; InputError naming the file when it cannot be
// read or is larger than kMaxTextFileBytes.
std::string readTextFile(const std::filesystem::path& file);

}  // namespace loupe
