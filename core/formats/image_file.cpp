#include "core/formats/image_file.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <set>
#include <iterator>

#include "core/domain/errors.h"
#include "core/domain/names.h"
#include "core/formats/image_bytes.h"
#include "core/formats/item_names.h"
#include "core/formats/quiet_stderr.h"
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

std::vector<std::uint8_t> readFileBytes(const fs::path& file, std::uintmax_t maxBytes) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > maxBytes)
    throw InputError({file.string()}, "file is " + std::to_string(size) + " bytes, larger than the " +
                                          std::to_string(maxBytes) + "-byte limit");
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
  // The decoder allocates what the header declares, so the header is checked first.
  const auto declared = declaredImageSize(container, bytes);
  if (!declared) throw InputError({file.string()}, "cannot read the image size from its header");
  if (const std::string why = imageSizeProblem(declared->width, declared->height); !why.empty())
    throw InputError({file.string()}, why);
  // IMREAD_UNCHANGED ignores EXIF orientation, so it is applied exactly once, below.
  cv::Mat raw;
  std::string libraryText;
  {
    QuietStderr quiet;
    try {
      raw = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
      libraryText = e.err;
    }
    const std::string said = quiet.finish();
    if (libraryText.empty()) libraryText = said;
  }
  if (raw.empty())
    throw InputError({file.string()}, "cannot decode image" +
                                          (libraryText.empty() ? std::string() : " (" + printableName(libraryText) + ")"));

  LoadedImage image;
  image.media.format = std::string(containerName(container));
  const int orientation = container == ImageContainer::Jpeg ? jpegExifOrientation(bytes) : 1;
  if (orientation != 1) {
    cv::Mat upright;
    std::vector<std::uint8_t> png;
    try {
      upright = applyOrientation(raw, orientation);
      if (!cv::imencode(".png", upright, png)) png.clear();
    } catch (const cv::Exception& e) {
      throw InputError({file.string()}, "cannot re-encode image (" + printableName(e.err) + ")");
    }
    if (png.empty()) throw InputError({file.string()}, "cannot re-encode image");
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

std::string outsideRootProblem(const fs::path& root, const fs::path& file, bool followSymlinks) {
  std::error_code ec;
  const fs::path real = fs::canonical(file, ec);
  if (ec == std::errc::too_many_symbolic_link_levels) return "symbolic link loop";
  if (ec) return "cannot resolve the path: " + ec.message();
  if (followSymlinks) return {};
  const fs::path realRoot = fs::canonical(root, ec);
  if (ec) return "cannot resolve the dataset folder: " + ec.message();
  const fs::path inside = real.lexically_relative(realRoot);
  if (inside.empty() || *inside.begin() == "..")
    return "symbolic link leads outside the dataset folder, to " + printableName(real.string()) +
           " (--follow-symlinks allows it)";
  return {};
}

MediaLocator::MediaLocator(std::vector<fs::path> folders, fs::path root, bool followSymlinks)
    : folders_(std::move(folders)), root_(std::move(root)), followSymlinks_(followSymlinks) {}

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
    const bool regular = fs::is_regular_file(file, ec);
    if (ec == std::errc::too_many_symbolic_link_levels) throw InputError({file.string()}, "symbolic link loop");
    if (!regular) continue;
    if (std::string problem = outsideRootProblem(root_, file, followSymlinks_); !problem.empty())
      throw InputError({file.string()}, problem);
    return file;
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

std::vector<ListedImage> listImageFiles(const fs::path& root, bool followSymlinks) {
  std::vector<ListedImage> files;
  std::set<fs::path> enteredFolders;  // real paths, so a link loop is entered once
  std::error_code ec;
  if (followSymlinks) enteredFolders.insert(fs::canonical(root, ec));
  const auto options = fs::directory_options::skip_permission_denied |
                       (followSymlinks ? fs::directory_options::follow_directory_symlink : fs::directory_options::none);
  const auto listed = [&](const fs::path& path, std::string problem) {
    std::string name = path.lexically_relative(root).generic_string();
    if (problem.empty()) problem = itemNameProblem(name);
    files.push_back({std::move(name), path, std::move(problem)});
  };
  for (auto it = fs::recursive_directory_iterator(root, options, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path& path = it->path();
    std::error_code linkError, statusError;
    const bool link = it->is_symlink(linkError);
    const fs::file_status status = it->status(statusError);
    if (statusError) {
      if (hasImageExtension(path))
        listed(path, statusError == std::errc::too_many_symbolic_link_levels
                         ? std::string("symbolic link loop")
                         : "cannot read: " + statusError.message());
      continue;
    }
    if (fs::is_directory(status)) {
      if (!link) {
        if (followSymlinks) enteredFolders.insert(fs::canonical(path, statusError));
        continue;
      }
      const std::string problem = outsideRootProblem(root, path, followSymlinks);
      if (!followSymlinks) {
        // Not entered: a link to a folder inside the root shows files listed through their real path.
        if (!problem.empty()) files.push_back({path.lexically_relative(root).generic_string() + "/", path, problem});
        continue;
      }
      if (!problem.empty()) files.push_back({path.lexically_relative(root).generic_string() + "/", path, problem});
      if (!problem.empty() || !enteredFolders.insert(fs::canonical(path, statusError)).second)
        it.disable_recursion_pending();
      continue;
    }
    if (!fs::is_regular_file(status) || !hasImageExtension(it->path())) continue;
    listed(path, link ? outsideRootProblem(root, path, followSymlinks) : std::string());
  }
  if (ec) throw InputError({root.string()}, "cannot list folder: " + ec.message());
  std::sort(files.begin(), files.end(), [](const ListedImage& a, const ListedImage& b) { return a.name < b.name; });
  return files;
}

}  // namespace loupe
