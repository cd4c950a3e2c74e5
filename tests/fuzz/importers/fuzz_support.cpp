#include "fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>

#include "core/domain/errors.h"

namespace fs = std::filesystem;

namespace loupe::fuzz {

const fs::path& freshScratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("loupe-fuzz-" + std::to_string(::getpid()));
    return d;
  }();
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  return dir;
}

void writeFile(const fs::path& file, std::string_view bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::pair<std::string_view, std::string_view> splitInput(std::string_view input, std::string_view separator) {
  const auto at = input.find(separator);
  if (at == std::string_view::npos) return {input, {}};
  return {input.substr(0, at), input.substr(at + separator.size())};
}

void expectCleanOutcome(const std::function<void()>& read) {
  try {
    read();
  } catch (const loupe::InputError& e) {
    const std::string what = e.what();
    if (what.empty() || what.find('\n') != std::string::npos) {
      std::fprintf(stderr, "InputError that is not one line: %s\n", what.c_str());
      std::abort();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "a reader let a raw exception out: %s\n", e.what());
    std::abort();
  }
}

std::vector<std::uint8_t> tinyPng(int width, int height) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".png", cv::Mat(height, width, CV_8UC1, cv::Scalar(128)), bytes);
  return bytes;
}

}  // namespace loupe::fuzz
