// Folder of images: every PNG/JPEG/BMP/PGM below the root becomes an item named by its relative
// path. Files that cannot be read are reported in `warnings` and skipped, so one bad file does
// not block a large import.

#include "core/formats/format_io.h"
#include "core/formats/image_file.h"

namespace loupe::formats {

Dataset readFolder(const std::filesystem::path& root, const ReadOptions& options, const Progress& progress) {
  if (!std::filesystem::is_directory(root)) throw InputError({root.string()}, "not a folder");
  const std::vector<std::string> names = listImageFiles(root);
  Dataset dataset;
  dataset.images.reserve(names.size());
  const auto total = static_cast<std::int64_t>(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    progress(static_cast<std::int64_t>(i), total, "reading images");
    try {
      LoadedImage loaded = loadImageFile(root / names[i], options.inlineMediaLimit);
      DatasetImage image;
      image.name = names[i];
      image.width = loaded.width;
      image.height = loaded.height;
      image.contentHash = std::move(loaded.contentHash);
      image.media = std::move(loaded.media);
      dataset.images.push_back(std::move(image));
    } catch (const InputError& e) {
      dataset.warnings.push_back(std::string("skipped ") + e.what());
    }
  }
  progress(total, total, "reading images");
  return dataset;
}

}  // namespace loupe::formats
