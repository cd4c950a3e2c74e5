#pragma once
// Reading a whole file, for "the project is byte-for-byte unchanged" assertions.

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace loupe::test {

inline std::vector<char> fileBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace loupe::test
