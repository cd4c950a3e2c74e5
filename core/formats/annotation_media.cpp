#include "core/formats/annotation_media.h"

namespace loupe {

AnnotationMedia::AnnotationMedia(const std::filesystem::path& annotationFile, const ReadOptions& options)
    : inlineLimit_(options.inlineMediaLimit) {
  const std::filesystem::path dir = annotationFile.parent_path();
  const std::filesystem::path root = dir.empty() ? "." : dir;
  locators_.emplace_back(std::vector<std::filesystem::path>{root, root / "images"}, root, options.followSymlinks);
  // The images folder is its own root: a link inside it must stay inside it.
  if (!options.imagesDir.empty())
    locators_.emplace_back(std::vector<std::filesystem::path>{options.imagesDir}, options.imagesDir,
                           options.followSymlinks);
}

bool AnnotationMedia::attach(DatasetImage& image, const std::vector<std::string>& fileNames,
                             std::vector<std::string>& warnings) {
  for (MediaLocator& locator : locators_)
    for (const std::string& fileName : fileNames) {
      // attachMediaIfPresent looks the item up by its name; a differently named file is found
      // through a copy whose name is the file's, so the size warning names the file read.
      DatasetImage probe;
      probe.name = fileName;
      probe.width = image.width;
      probe.height = image.height;
      if (!attachMediaIfPresent(probe, locator, inlineLimit_, warnings)) continue;
      image.width = probe.width;
      image.height = probe.height;
      image.media = std::move(probe.media);
      image.contentHash = std::move(probe.contentHash);
      return true;
    }
  return false;
}

}  // namespace loupe
