// Folder of images: every PNG/JPEG/BMP/PGM below the root becomes an item named by its relative
// path. Files that cannot be imported (unreadable, not an image, too large, a name that is not
// valid UTF-8, a symbolic link loop or one leading outside the folder) are reported in `warnings`
// ("skipped <file>: <reason>") and skipped, so one bad file does not block a large import.

#include "core/domain/names.h"
#include "core/formats/format_io.h"
#include "core/formats/image_file.h"

namespace loupe::formats {

Dataset readFolder(const std::filesystem::path& root, const ReadOptions& options, const Progress& progress) {
  if (!isFolder(root)) throw InputError({root.string()}, "not a folder");
  const std::vector<ListedImage> files = listImageFiles(root, options.followSymlinks);
  Dataset dataset;
  dataset.images.reserve(files.size());
  const auto total = static_cast<std::int64_t>(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress(static_cast<std::int64_t>(i), total, "reading images");
    const ListedImage& file = files[i];
    if (!file.problem.empty()) {
      dataset.warnings.push_back("skipped " + printableName(file.file.string()) + ": " + file.problem);
      continue;
    }
    try {
      LoadedImage loaded = loadImageFile(file.file, options.inlineMediaLimit);
      DatasetImage image;
      image.name = file.name;
      image.width = loaded.width;
      image.height = loaded.height;
      image.contentHash = std::move(loaded.contentHash);
      image.media = std::move(loaded.media);
      dataset.images.push_back(std::move(image));
    } catch (const InputError& e) {
      dataset.warnings.push_back("skipped " + printableName(e.what(), 1024));
    }
  }
  progress(total, total, "reading images");
  return dataset;
}

}  // namespace loupe::formats
