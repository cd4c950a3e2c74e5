#pragma once
// Entry points the CLI, GUI and storage tests use to read and write dataset formats by name.
// Each format lives in its own file pair (coco_reader.cpp, coco_writer.cpp, ...).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain/progress.h"
#include "core/formats/dataset.h"

namespace loupe {

struct ReadOptions {
  // Fashion-MNIST IDX: fraction of train carved into a reproducible validation split.
  double valFraction = 0.1;
  std::uint64_t seed = 42;
  // Images larger than this (encoded bytes) are referenced by path instead of copied inline.
  std::size_t inlineMediaLimit = 4u << 20;
  // Fashion-MNIST IDX: read only the first N images of each file (train, test); 0 reads all.
  std::size_t limitPerSplit = 0;
  // COCO results (a bare JSON array of detections): the COCO file that defines their images and
  // categories. Without it a results file is rejected (image ids alone name no item).
  std::filesystem::path cocoImagesFile;
  // Read files that symbolic links lead to outside the dataset folder (refused by default: a
  // link would quietly copy a file from elsewhere on the machine into the project).
  bool followSymlinks = false;
  // Label Studio, CVAT: a folder searched for the images the file names when they are not
  // beside it. It is a dataset root of its own: a link in it must not lead out of it.
  std::filesystem::path imagesDir;
};

// Formats readDataset accepts: "folder", "coco", "yolo", "voc", "csv", "idx", "label-studio", "cvat".
const std::vector<std::string>& readableFormats();
// Formats writeDataset accepts: "coco", "yolo", "voc", "csv", "label-studio", "cvat".
const std::vector<std::string>& writableFormats();

// Throws InputError (file, line, field) for bad input; never returns a partial dataset.
Dataset readDataset(std::string_view format, const std::filesystem::path& path,
                    const ReadOptions& options = {}, const Progress& progress = {});

// Writes into `out` (a file for coco/csv/label-studio/cvat, a folder for yolo/voc). Writes to a temporary name and
// renames, so an interrupted export never leaves a half-written file under the final name.
void writeDataset(std::string_view format, const Dataset& dataset, const std::filesystem::path& out,
                  const Progress& progress = {});

}  // namespace loupe
