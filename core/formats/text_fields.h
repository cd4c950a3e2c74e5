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

// Whole file as text; InputError naming the file when it cannot be read.
std::string readTextFile(const std::filesystem::path& file);

}  // namespace loupe
