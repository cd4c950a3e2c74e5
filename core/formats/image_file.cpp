#include "core/formats/image_file.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>

#include "core/domain/errors.h"
#include "core/formats/image_bytes.h"
#include "core/formats/sha256.h"

namespace fs = std::filesystem;

namespace loupe {
namespace {

// EXIF orientation 1..8 -> the transform that shows the image upright (EXIF 2.3, tag 0x0112).
cv::Mat applyOrientation(const cv::Mat& raw, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(raw, out, 1); break;
    case 3: cv::rotate(raw, out, cv::ROTATE_180); break;
    case 4: cv::flip(raw, out, 0); break;
    case 5: cv::transpose(raw, out); break;
    case 6: cv::rotate(raw, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(raw, out); cv::rotate(out, out, cv::ROTATE_180); break;
    case 8: cv::rotate(raw, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = raw; break;
  }
  return out;
}

}  // namespace

bool hasImageExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".pgm";
}

std::vector<std::uint8_t> readFileBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({file.string()}, "cannot open file");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError({file.string()}, "read error");
  return bytes;
}

LoadedImage loadImageFile(const fs::path& file, std::size_t inlineLimit) {
  std::vector<std::uint8_t> bytes = readFileBytes(file);
  const ImageContainer container = sniffImageContainer(bytes);
  if (const std::string why = incompleteImageReason(container, bytes); !why.empty())
    throw InputError({file.string()}, why);
  // IMREAD_UNCHANGED ignores EXIF orientation, so it is applied exactly once, below.
  const cv::Mat raw = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
  if (raw.empty()) throw InputError({file.string()}, "cannot decode image");

  LoadedImage image;
  image.media.format = std::string(containerName(container));
  const int orientation = container == ImageContainer::Jpeg ? jpegExifOrientation(bytes) : 1;
  if (orientation != 1) {
    const cv::Mat upright = applyOrientation(raw, orientation);
    std::vector<std::uint8_t> png;
    if (!cv::imencode(".png", upright, png)) throw InputError({file.string()}, "cannot re-encode image");
    image.width = upright.cols;
    image.height = upright.rows;
    image.contentHash = sha256Hex(png);
    image.media.format = "png";
    image.media.bytes = std::move(png);
    return image;
  }
  image.width = raw.cols;
  image.height = raw.rows;
  image.contentHash = sha256Hex(bytes);
  if (bytes.size() <= inlineLimit)
    image.media.bytes = std::move(bytes);
  else
    image.media.externalPath = fs::absolute(file).lexically_normal().string();
  return image;
}

MediaLocator::MediaLocator(std::vector<fs::path> folders) : folders_(std::move(folders)) {}

bool MediaLocator::folderExists(const fs::path& folder) {
  const auto [it, inserted] = exists_.try_emplace(folder.string(), false);
  if (inserted) {
    std::error_code ec;
    it->second = fs::is_directory(folder, ec);
  }
  return it->second;
}

std::optional<fs::path> MediaLocator::find(const std::string& name) {
  for (const auto& folder : folders_) {
    fs::path file = folder / name;
    if (!folderExists(file.parent_path())) continue;
    std::error_code ec;
    if (fs::is_regular_file(file, ec)) return file;
  }
  return std::nullopt;
}

bool attachMediaIfPresent(DatasetImage& image, MediaLocator& locator, std::size_t inlineLimit,
                          std::vector<std::string>& warnings) {
  if (const auto file = locator.find(image.name)) {
    LoadedImage loaded = loadImageFile(*file, inlineLimit);
    if (image.width == 0 && image.height == 0) {
      image.width = loaded.width;
      image.height = loaded.height;
    } else if (image.width != loaded.width || image.height != loaded.height) {
      warnings.push_back(image.name + ": image file is " + std::to_string(loaded.width) + "x" +
                         std::to_string(loaded.height) + " (EXIF applied) but the annotations say " +
                         std::to_string(image.width) + "x" + std::to_string(image.height));
    }
    image.media = std::move(loaded.media);
    image.contentHash = std::move(loaded.contentHash);
    return true;
  }
  return false;
}

std::vector<std::string> listImageFiles(const fs::path& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && hasImageExtension(it->path()))
      names.push_back(it->path().lexically_relative(root).generic_string());
  }
  if (ec) throw InputError({root.string()}, "cannot list folder: " + ec.message());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace loupe
