#pragma once
// Loads one image file for import: validates it, applies EXIF orientation once, hashes the bytes
// that will be stored, and decides inline bytes vs. external path.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/formats/dataset.h"

namespace loupe {

struct LoadedImage {
  DatasetMedia media;
  int width = 0;   // displayed orientation
  int height = 0;
  std::string contentHash;  // hex SHA-256 of the stored bytes
};

// True for the extensions a folder import picks up: .png .jpg .jpeg .bmp .pgm (any case).
bool hasImageExtension(const std::filesystem::path& file);

// Largest image file an import reads into memory (a 100 MP 32-bit BMP is 400 MB).
inline constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t{1} << 30;

// The whole file; InputError naming it when it cannot be read or is larger than `maxBytes`.
std::vector<std::uint8_t> readFileBytes(const std::filesystem::path& file,
                                        std::uintmax_t maxBytes = kMaxImageFileBytes);

// Throws InputError naming `file` when it is unreadable, not an image, truncated, larger than
// kMaxImageSide / kMaxImagePixels by its header (checked before decoding) or undecodable.
// Nothing the image libraries print reaches stderr: their first line becomes part of the error.
// A JPEG whose EXIF orientation is not 1 is stored as the re-encoded PNG of the displayed image
// (always inline: there is no file on disk holding those bytes). Otherwise the original bytes
// are kept: inline up to `inlineLimit` bytes, else referenced by absolute path.
LoadedImage loadImageFile(const std::filesystem::path& file, std::size_t inlineLimit);

// Why `file` may not be read as part of the dataset rooted at `root`, or "" when it may: a
// symbolic link loop, or (unless `followSymlinks`) a file that resolves outside `root` through a
// symbolic link, which would copy a file from elsewhere on the machine into the project.
std::string outsideRootProblem(const std::filesystem::path& root, const std::filesystem::path& file,
                               bool followSymlinks);

// Finds the image file an annotation file names, under a list of candidate folders inside
// `root` (the dataset folder). Remembers which sub-folders exist: a COCO file of 100,000 images
// without their files beside it must not cost 200,000 failed stat calls.
class MediaLocator {
 public:
  MediaLocator(std::vector<std::filesystem::path> folders, std::filesystem::path root, bool followSymlinks);
  // The file, or nullopt when no candidate exists; InputError for a candidate that is a symbolic
  // link loop or leads outside `root` (see outsideRootProblem).
  std::optional<std::filesystem::path> find(const std::string& name);

 private:
  bool folderExists(const std::filesystem::path& folder);
  std::vector<std::filesystem::path> folders_;
  std::filesystem::path root_;
  bool followSymlinks_ = false;
  std::unordered_map<std::string, bool> exists_;
};

// Looks for the image file `image.name` with `locator`; when found, loads it into `image`
// (media, hash; width/height when still 0). A size that differs from the one the annotation
// file declared is reported in `warnings` (the declared size is kept, because the boxes were
// drawn on it). Returns whether a file was found. A found but broken file throws.
bool attachMediaIfPresent(DatasetImage& image, MediaLocator& locator, std::size_t inlineLimit,
                          std::vector<std::string>& warnings);

// One image file found below a dataset folder: its item name ('/'-separated, relative to the
// folder) and, when it cannot be imported, why ("" otherwise): a name that is not a valid item
// name (not UTF-8, control characters, too long), a symbolic link loop, or a link leading outside
// the folder.
struct ListedImage {
  std::string name;
  std::filesystem::path file;
  std::string problem;
};

// Recursively lists image files under `root`, sorted by name. Symbolic links to folders are
// entered only with `followSymlinks` (each real folder once, so a link loop ends); a link to a
// folder outside `root` that is not entered is listed with its problem so it is reported.
std::vector<ListedImage> listImageFiles(const std::filesystem::path& root, bool followSymlinks);

}  // namespace loupe
