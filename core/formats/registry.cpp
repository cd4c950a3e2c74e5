#include "core/formats/registry.h"

#include <stdexcept>

#include "core/formats/format_io.h"

namespace loupe {
namespace {

using Reader = Dataset (*)(const std::filesystem::path&, const ReadOptions&, const Progress&);
using Writer = void (*)(const Dataset&, const std::filesystem::path&, const Progress&);

struct ReaderEntry { std::string_view name; Reader read; };
struct WriterEntry { std::string_view name; Writer write; };

constexpr ReaderEntry kReaders[] = {
    {"folder", formats::readFolder}, {"coco", formats::readCoco}, {"yolo", formats::readYolo},
    {"voc", formats::readVoc},       {"csv", formats::readCsv},   {"idx", formats::readIdx},
    {"label-studio", formats::readLabelStudio}, {"cvat", formats::readCvat},
};
constexpr WriterEntry kWriters[] = {
    {"coco", formats::writeCoco}, {"yolo", formats::writeYolo},
    {"voc", formats::writeVoc},   {"csv", formats::writeCsv},
    {"label-studio", formats::writeLabelStudio}, {"cvat", formats::writeCvat},
};

template <typename Entry, std::size_t N>
std::vector<std::string> namesOf(const Entry (&table)[N]) {
  std::vector<std::string> names;
  for (const auto& e : table) names.emplace_back(e.name);
  return names;
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

}  // namespace

const std::vector<std::string>& readableFormats() {
  static const std::vector<std::string> names = namesOf(kReaders);
  return names;
}

const std::vector<std::string>& writableFormats() {
  static const std::vector<std::string> names = namesOf(kWriters);
  return names;
}

Dataset readDataset(std::string_view format, const std::filesystem::path& path,
                    const ReadOptions& options, const Progress& progress) {
  for (const auto& e : kReaders)
    if (e.name == format) {
      std::error_code ec;
      if (!std::filesystem::exists(path, ec))
        throw InputError({path.string()}, ec == std::errc::too_many_symbolic_link_levels ? "symbolic link loop"
                                                                                          : "no such file or folder");
      return e.read(path, options, progress);
    }
  throw std::invalid_argument("unknown import format '" + std::string(format) +
                              "' (expected one of: " + joined(readableFormats()) + ")");
}

void writeDataset(std::string_view format, const Dataset& dataset, const std::filesystem::path& out,
                  const Progress& progress) {
  for (const auto& e : kWriters)
    if (e.name == format) return e.write(dataset, out, progress);
  throw std::invalid_argument("unknown export format '" + std::string(format) +
                              "' (expected one of: " + joined(writableFormats()) + ")");
}

}  // namespace loupe
