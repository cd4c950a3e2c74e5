#pragma once
// A whole import or export as `loupe import` / `loupe export` run it (the CLI verbs and the GUI's
// File menu both call these, so options, defaults and errors are the same in both): read a file
// or folder with the format's reader and apply it to a project; read a project back and write it
// in a format, atomically.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "core/domain/progress.h"
#include "core/domain/types.h"
#include "storage/project.h"
#include "storage/transfer/import.h"

namespace loupe::storage {

struct ImportRequest {
  std::string format;          // one of readableFormats()
  std::filesystem::path path;  // file or folder to read
  // Labeler of annotations the file attributes to nobody; empty: "reference" for idx, else "import".
  std::string labeler;
  // Kind of labelers the import creates; unset: Reference for idx, else Human.
  std::optional<LabelerKind> kind;
  std::filesystem::path cocoImages;  // COCO results file: the COCO file defining its images
  std::filesystem::path images;      // Label Studio, CVAT: a folder of the images the file names
  double valFraction = 0.1;          // idx: fraction of train carved into val
  bool followSymlinks = false;
};

// The labeler and kind an import without them uses, per format (shown by the GUI as defaults).
std::string defaultImportLabeler(const std::string& format);
LabelerKind defaultImportKind(const std::string& format);

// Throws "<file>: project is read-only" (the words every refused write uses) for a read-only project.
void requireWritable(const Project& project);

// Refuses a read-only project before reading anything ("<file>: project is read-only"), then
// reads `request.path` and imports it in one transaction. InputError (file, line, field) for bad
// input, Cancelled through `progress`; either way the project is left as it was.
ImportReport importFile(Project& project, const ImportRequest& request, const Progress& progress = {});

struct ExportRequest {
  std::string format;         // one of writableFormats()
  std::filesystem::path out;  // file (coco, csv) or folder (yolo, voc)
  std::optional<std::string> labeler;  // only this labeler's annotations; all when unset
};

struct ExportSummary {
  std::size_t items = 0;
  std::size_t classes = 0;
  std::size_t annotations = 0;
};

// Media go with every format that carries images (all but csv). Written under a temporary name
// and renamed: a failed or cancelled export leaves nothing under `out`.
ExportSummary exportFile(const Project& project, const ExportRequest& request, const Progress& progress = {});

}  // namespace loupe::storage
