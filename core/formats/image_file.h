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

std::vector<std::uint8_t> readFileBytes(const std::filesystem::path& file);

// Throws InputError naming `file` when it is unreadable, not an image, truncated or undecodable.
// A JPEG whose EXIF orientation is not 1 is stored as the re-encoded PNG of the displayed image
// (always inline: there is no file on disk holding those bytes). Otherwise the original bytes
// are kept: inline up to `inlineLimit` bytes, else referenced by absolute path.
LoadedImage loadImageFile(const std::filesystem::path& file, std::size_t inlineLimit);

// Finds the image file an annotation file names, under a list of candidate folders. Remembers
// which sub-folders exist: a COCO file of 100,000 images without their files beside it must not
// cost 200,000 failed stat calls.
class MediaLocator {
 public:
  explicit MediaLocator(std::vector<std::filesystem::path> folders);
  std::optional<std::filesystem::path> find(const std::string& name);

 private:
  bool folderExists(const std::filesystem::path& folder);
  std::vector<std::filesystem::path> folders_;
  std::unordered_map<std::string, bool> exists_;
};

// Looks for the image file `image.name` with `locator`; when found, loads it into `image`
// (media, hash; width/height when still 0). A size that differs from the one the annotation
// file declared is reported in `warnings` (the declared size is kept, because the boxes were
// drawn on it). Returns whether a file was found. A found but broken file throws.
bool attachMediaIfPresent(DatasetImage& image, MediaLocator& locator, std::size_t inlineLimit,
                          std::vector<std::string>& warnings);

// Recursively lists image files under `root` as sorted '/'-separated relative names.
std::vector<std::string> listImageFiles(const std::filesystem::path& root);

}  // namespace loupe
