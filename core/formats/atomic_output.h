#pragma once
// Exports never leave a half-written file or folder under the final name: they are built under
// a temporary sibling name and renamed into place when complete.

#include <filesystem>
#include <functional>
#include <string_view>

namespace loupe {

// Writes `text` to a temporary file beside `file`, then renames it over `file`.
void writeFileAtomically(const std::filesystem::path& file, std::string_view text);

// Calls fill(tempFolder) to build the export, then swaps the finished folder in for `folder`
// (an existing folder of that name is replaced only after the new one is complete).
void buildFolderAtomically(const std::filesystem::path& folder,
                           const std::function<void(const std::filesystem::path&)>& fill);

// Writes bytes to `file`, creating parent folders; used inside a folder being built.
void writeWholeFile(const std::filesystem::path& file, std::string_view bytes);

}  // namespace loupe
