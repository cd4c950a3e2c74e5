// YOLO flat layout: OUT/classes.txt, OUT/<item name> (the image) and OUT/<item stem>.txt.
// Every image with media gets a label file (empty = no objects). Boxes need their image (YOLO
// coordinates are fractions of its size), so an item with boxes but no media is an error.
// YOLO has no image labels: they are not written.

#include <stdexcept>

#include "core/formats/atomic_output.h"
#include "core/formats/export_layout.h"
#include "core/formats/format_io.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace loupe::formats {

void writeYolo(const Dataset& dataset, const std::filesystem::path& folder, const Progress& progress) {
  requireDistinctStems(dataset, "YOLO");
  const std::vector<std::string> classes = exportClassOrder(dataset);
  std::unordered_map<std::string, std::size_t> classIndex;
  std::string classesTxt;
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].find_first_of("\r\n") != std::string::npos)
      throw std::invalid_argument("YOLO export: class name with a line break: '" + classes[i] + "'");
    classIndex[classes[i]] = i;
    classesTxt += classes[i] + "\n";
  }
  const auto boxes = boxesByItem(dataset);
  buildFolderAtomically(folder, [&](const std::filesystem::path& out) {
    writeWholeFile(out / "classes.txt", classesTxt);
    const auto total = static_cast<std::int64_t>(dataset.images.size());
    for (std::size_t i = 0; i < dataset.images.size(); ++i) {
      progress(static_cast<std::int64_t>(i), total, "writing YOLO");
      const DatasetImage& image = dataset.images[i];
      const auto mine = boxes.find(image.name);
      if (!writeMedia(image, out / image.name)) {
        if (mine != boxes.end())
          throw std::invalid_argument("YOLO export: item '" + image.name + "' has boxes but no image file");
        continue;
      }
      std::string lines;
      if (mine != boxes.end()) {
        const double W = image.width, H = image.height;
        for (const DatasetAnnotation* a : mine->second) {
          lines += std::to_string(classIndex.at(a->className)) + " " + formatDouble((a->box.x + a->box.w / 2) / W) +
                   " " + formatDouble((a->box.y + a->box.h / 2) / H) + " " + formatDouble(a->box.w / W) + " " +
                   formatDouble(a->box.h / H);
          if (a->score) lines += " " + formatDouble(*a->score);
          lines += "\n";
        }
      }
      writeWholeFile(out / (withoutExtension(image.name) + ".txt"), lines);
    }
  });
}

}  // namespace loupe::formats
