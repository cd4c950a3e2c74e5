#pragma once
// Applying a format-neutral Dataset (core/formats) to a project, and reading one back out.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/domain/progress.h"
#include "core/formats/dataset.h"
#include "storage/project.h"

namespace loupe::storage {

struct ImportOptions {
  // Labeler of annotations that name none (every annotation of COCO/YOLO/VOC/IDX files).
  std::string labeler = "import";
  // Kind given to labelers this import creates; existing labelers keep theirs.
  LabelerKind kind = LabelerKind::Human;
  // Source recorded on new items, e.g. "import:coco".
  std::string source = "import";
  // The file or folder the dataset was read from, named in error messages.
  std::string sourceFile;
};

struct ImportReport {
  std::int64_t itemsAdded = 0;
  std::int64_t itemsMatched = 0;     // already in the project (matched by name)
  std::int64_t itemsUpdated = 0;     // matched items whose split, group or media changed
  std::int64_t mediaAdded = 0;       // media attached to new or previously media-less items
  std::int64_t annotationsAdded = 0;
  std::int64_t annotationsSkipped = 0;  // duplicates of stored annotations
  std::int64_t classesAdded = 0;
  std::int64_t labelersAdded = 0;
  std::int64_t attributesSet = 0;
  std::vector<std::string> warnings;  // the reader's, passed through
};

// Validates the whole dataset against itself and the project first (unsafe or non-UTF-8 names,
// duplicate names, unknown classes, image sizes over the limit, boxes outside their image or
// beyond ±1e6 px, scores outside [0, 1]: InputError naming file, line and field),
// then writes everything in ONE transaction. Re-importing the same data adds nothing: items are
// matched by name, annotations by (item, labeler, class, kind, box rounded to 1e-3 px).
// An import that changes nothing writes nothing, not even a change-log entry.
// Annotations naming an item the dataset does not describe and the project lacks create a
// labels-only item. Cancelling through `progress` rolls everything back.
ImportReport importDataset(Project& project, const Dataset& dataset, const ImportOptions& options,
                           const Progress& progress = {});

struct ExportOptions {
  // Only this labeler's annotations; all labelers when empty (each annotation names its labeler).
  std::optional<std::string> labeler;
  // Leave media out (labels-only exports such as CSV need none).
  bool withMedia = true;
};

// Every item (id order), every class (project order, with COCO category ids kept), and the
// chosen annotations. Throws std::invalid_argument for an unknown labeler.
Dataset exportDataset(const Project& project, const ExportOptions& options = {},
                      const Progress& progress = {});

}  // namespace loupe::storage
