#pragma once
// The format-neutral dataset every importer produces and every exporter consumes.
// Readers never touch the project file; storage applies a Dataset in one transaction, so a
// bad file is rejected before anything is written.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/types.h"

namespace loupe {

struct DatasetMedia {
  // Exactly one of these is set for an image with media: the encoded file bytes (stored in the
  // project for small images) or an external path that storage references with its hash.
  std::vector<std::uint8_t> bytes;
  std::string externalPath;
  std::string format;  // "png", "jpeg", "bmp", "pgm", "raw-gray8"
};

struct DatasetImage {
  std::string name;  // unique within the dataset; relative path for folder imports
  int width = 0;     // displayed orientation (EXIF applied)
  int height = 0;
  std::optional<DatasetMedia> media;  // absent: labels-only item
  std::optional<Split> split;         // absent: leave the project's split alone
  std::string groupKey;
  std::string contentHash;            // hex SHA-256 of media bytes, filled by the reader
  std::map<std::string, std::string> attributes;
};

struct DatasetAnnotation {
  std::string item;       // DatasetImage::name
  std::string className;  // resolved by name; readers keep the file's own names and ids
  AnnotationKind kind = AnnotationKind::ImageLabel;
  Box box;
  std::optional<double> score;
  std::string labeler;    // empty: the labeler given by the import options
  int sourceLine = 0;     // for error messages raised after parsing
  // Per-box flags a format carries and a writer of that format writes back, e.g. COCO
  // "iscrowd" and a non-box "area", VOC "difficult", "truncated", "occluded", "pose".
  std::map<std::string, std::string> flags;
};

struct Dataset {
  // Class names in the file's order. For COCO the file's category ids are kept here too,
  // so an export writes them back unchanged.
  std::vector<std::string> classes;
  std::map<std::string, std::int64_t> classFileIds;
  std::vector<DatasetImage> images;
  std::vector<DatasetAnnotation> annotations;
  std::vector<std::string> warnings;  // e.g. unreadable files skipped in a folder import
};

}  // namespace loupe
