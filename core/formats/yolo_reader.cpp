// YOLO: classes.txt (one name per line; class id = line index) and one .txt per image with lines
// "class cx cy w h [score]", normalised to 0..1 by the image size. Two layouts:
//   flat:   PATH/classes.txt, PATH/**/x.png beside PATH/**/x.txt
//   split:  PATH/images/**/x.png and PATH/labels/**/x.txt (classes.txt in PATH or PATH/labels)
// The image size comes from the image itself, so images are loaded like a folder import.

#include <cmath>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "core/domain/names.h"
#include "core/formats/box_checks.h"
#include "core/formats/format_io.h"
#include "core/formats/image_file.h"
#include "core/formats/item_names.h"
#include "core/formats/text_fields.h"

namespace fs = std::filesystem;

namespace loupe::formats {
namespace {

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> readClasses(const fs::path& file) {
  std::vector<std::string> lines = splitLines(readTextFile(file));
  while (!lines.empty() && trimSpaces(lines.back()).empty()) lines.pop_back();
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i] = std::string(trimSpaces(lines[i]));
    const int line = static_cast<int>(i + 1);
    if (lines[i].empty()) throw InputError({file.string(), line}, "empty class name (class ids are line numbers)");
    if (std::string problem = nameProblem(lines[i], NameKind::Class); !problem.empty())
      throw InputError({file.string(), line}, problem);
    if (!seen.insert(lines[i]).second)
      throw InputError({file.string(), line}, "duplicate class '" + printableName(lines[i]) + "'");
  }
  return lines;
}

void readLabelFile(const fs::path& file, const DatasetImage& image, const std::vector<std::string>& classes,
                   Dataset& dataset) {
  const std::vector<std::string> lines = splitLines(readTextFile(file));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line = static_cast<int>(i + 1);
    std::istringstream tokens(lines[i]);
    std::vector<std::string> t;
    for (std::string tok; tokens >> tok;) t.push_back(tok);
    if (t.empty()) continue;
    if (t.size() != 5 && t.size() != 6)
      throw InputError({file.string(), line}, "expected 'class cx cy w h [score]', found " + std::to_string(t.size()) + " fields");
    const auto cls = parseInt(t[0]);
    if (!cls) throw InputError({file.string(), line, "class"}, "not an integer: '" + printableName(t[0]) + "'");
    if (*cls < 0 || *cls >= static_cast<std::int64_t>(classes.size()))
      throw InputError({file.string(), line, "class"}, "unknown class id " + printableName(t[0]) + " (classes.txt has " +
                                                           std::to_string(classes.size()) + ")");
    static const char* const kFields[] = {"cx", "cy", "w", "h", "score"};
    double v[5] = {0, 0, 0, 0, 0};
    for (std::size_t k = 1; k < t.size(); ++k) {
      const auto parsed = parseDouble(t[k]);
      if (!parsed) throw InputError({file.string(), line, kFields[k - 1]}, "not a number: '" + printableName(t[k]) + "'");
      // Normalised coordinates: anything far outside 0..1 is not a box of this image (and 1e300
      // times the width would not even be finite).
      if (k < 5 && std::abs(*parsed) > 2)
        throw InputError({file.string(), line, kFields[k - 1]},
                         "number out of range: " + formatDouble(*parsed) + " (normalised coordinates are 0..1)");
      v[k - 1] = *parsed;
    }
    if (t.size() == 6) requireValidScore(v[4], {file.string(), line, "score"});
    DatasetAnnotation a;
    a.item = image.name;
    a.className = classes[static_cast<std::size_t>(*cls)];
    a.kind = AnnotationKind::Box;
    a.sourceLine = line;
    a.box = {(v[0] - v[2] / 2) * image.width, (v[1] - v[3] / 2) * image.height, v[2] * image.width,
             v[3] * image.height};
    requireBoxInsideImage(a.box, image.width, image.height, {file.string(), line});
    if (t.size() == 6) a.score = v[4];
    dataset.annotations.push_back(std::move(a));
  }
}

}  // namespace

Dataset readYolo(const fs::path& root, const ReadOptions& options, const Progress& progress) {
  if (!isFolder(root)) throw InputError({root.string()}, "not a folder");
  const bool split = isFolder(root / "images") && isFolder(root / "labels");
  const fs::path imagesRoot = split ? root / "images" : root;
  const fs::path labelsRoot = split ? root / "labels" : root;
  fs::path classesFile = root / "classes.txt";
  if (!isPresent(classesFile) && isPresent(labelsRoot / "classes.txt")) classesFile = labelsRoot / "classes.txt";
  if (!isPresent(classesFile)) throw InputError({classesFile.string()}, "missing: YOLO needs classes.txt");

  // The annotation files are read like the images: never through a link out of the dataset.
  const auto requireInside = [&](const fs::path& file) {
    if (std::string problem = outsideRootProblem(root, file, options.followSymlinks); !problem.empty())
      throw InputError({file.string()}, problem);
  };
  requireInside(classesFile);
  Dataset dataset;
  dataset.classes = readClasses(classesFile);
  const std::vector<ListedImage> files = listImageFiles(imagesRoot, options.followSymlinks);
  std::unordered_set<std::string> usedLabelFiles;
  const auto total = static_cast<std::int64_t>(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    progress(static_cast<std::int64_t>(i), total, "reading YOLO images");
    const ListedImage& file = files[i];
    const fs::path labelFile = labelsRoot / (withoutExtension(file.name) + ".txt");
    std::error_code ec;
    const bool hasLabels = fs::is_regular_file(labelFile, ec);
    LoadedImage loaded;
    try {
      if (!file.problem.empty()) throw InputError({file.file.string()}, file.problem);
      loaded = loadImageFile(file.file, options.inlineMediaLimit);
    } catch (const InputError& e) {
      if (hasLabels) throw;  // its boxes cannot be placed without the image size
      dataset.warnings.push_back("skipped " + printableName(e.what(), 1024));
      continue;
    }
    DatasetImage image{.name = file.name, .width = loaded.width, .height = loaded.height,
                       .media = std::move(loaded.media), .contentHash = std::move(loaded.contentHash)};
    if (hasLabels) {
      usedLabelFiles.insert(labelFile.lexically_normal().string());
      requireInside(labelFile);
      readLabelFile(labelFile, image, dataset.classes, dataset);
    }
    dataset.images.push_back(std::move(image));
  }
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(labelsRoot, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    const fs::path p = it->path().lexically_normal();
    std::error_code statusError;
    if (it->is_regular_file(statusError) && p.extension() == ".txt" && p != classesFile.lexically_normal() &&
        !usedLabelFiles.count(p.string()))
      dataset.warnings.push_back(printableName(p.string()) + ": label file without an image, ignored");
  }
  progress(total, total, "reading YOLO images");
  return dataset;
}

}  // namespace loupe::formats
