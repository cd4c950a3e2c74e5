#pragma once
// Where the single-file formats that name their images (Label Studio, CVAT) find them: beside the
// annotation file, in its images/ folder, then under ReadOptions::imagesDir.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/formats/image_file.h"
#include "core/formats/registry.h"

namespace loupe {

class AnnotationMedia {
 public:
  AnnotationMedia(const std::filesystem::path& annotationFile, const ReadOptions& options);

  // Attaches the first file found under any of `fileNames` (each a safe relative name; the
  // first is normally image.name) to `image`, as attachMediaIfPresent does. A tool may store a
  // file under another name than the item's (Label Studio's upload prefix), hence the list.
  bool attach(DatasetImage& image, const std::vector<std::string>& fileNames, std::vector<std::string>& warnings);

 private:
  std::vector<MediaLocator> locators_;
  std::size_t inlineLimit_;
};

}  // namespace loupe
