#pragma once
// What every importer fuzz target shares: a scratch folder of its own, a way to lay fuzz bytes
// out as the files a reader expects, and the one rule they all check: a reader either returns a
// dataset or throws loupe::InputError (one clear line naming the file). Any other exception —
// a library's own text such as "[json.exception...]" or "filesystem error" — is a finding.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>
#include <vector>

namespace loupe::fuzz {

// A folder for this process, emptied before each input so no input sees another's files.
const std::filesystem::path& freshScratch();

void writeFile(const std::filesystem::path& file, std::string_view bytes);

// Splits an input at the first occurrence of `separator` (the whole input and "" when absent):
// targets that need two files take both from one input, so the corpus stays a flat folder.
std::pair<std::string_view, std::string_view> splitInput(std::string_view input, std::string_view separator);

// Runs `read`, aborting on anything but success or InputError; checks InputError's what() is
// one non-empty line.
void expectCleanOutcome(const std::function<void()>& read);

// A tiny valid PNG (w×h grey), for targets whose subject is an annotation file beside an image.
std::vector<std::uint8_t> tinyPng(int width, int height);

}  // namespace loupe::fuzz
