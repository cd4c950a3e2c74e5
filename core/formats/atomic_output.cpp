#include "core/formats/atomic_output.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;

namespace loupe {
namespace {

fs::path temporarySibling(const fs::path& target, std::string_view tag) {
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  return parent / ("." + target.filename().string() + "." + std::string(tag) + "-" +
                   std::to_string(::getpid()));
}

}  // namespace

void writeWholeFile(const fs::path& file, std::string_view bytes) {
  if (file.has_parent_path()) fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + file.string());
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) throw std::runtime_error("write failed: " + file.string());
}

void writeFileAtomically(const fs::path& file, std::string_view text) {
  const fs::path temp = temporarySibling(file, "tmp");
  try {
    writeWholeFile(temp, text);
    fs::rename(temp, file);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void buildFolderAtomically(const fs::path& folder, const std::function<void(const fs::path&)>& fill) {
  const fs::path temp = temporarySibling(folder, "tmp");
  const fs::path old = temporarySibling(folder, "old");
  std::error_code ignored;
  fs::remove_all(temp, ignored);
  try {
    fs::create_directories(temp);
    fill(temp);
    if (fs::exists(folder)) {
      if (!fs::is_directory(folder)) throw std::runtime_error(folder.string() + " exists and is not a folder");
      fs::remove_all(old, ignored);
      fs::rename(folder, old);
    }
    fs::rename(temp, folder);
    fs::remove_all(old, ignored);
  } catch (...) {
    fs::remove_all(temp, ignored);
    throw;
  }
}

}  // namespace loupe
